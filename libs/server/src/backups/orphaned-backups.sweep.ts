import { Inject, Injectable } from '@nestjs/common';
import { JOB_QUEUE, type JobQueueDriver } from '@atrium/jobs';
import { BackgroundSweep } from './background-sweep';
import { BACKUP_STALE_SECONDS } from './backup-writer';
import { ProjectBackups } from './project-backups.service';

/**
 * Without Redis, takes up the backups a stopped API process left queued or half-written (its in-memory queue
 * went with it): at start and then periodically. With Redis the queue keeps them, and a new worker takes a
 * stalled job on, so nothing runs. Provided by the API only: a CLI process is too short-lived to hold a job.
 */
@Injectable()
export class OrphanedBackupsSweep extends BackgroundSweep {
  /** Often enough that a left-behind backup waits at most about twice its staleness. */
  protected readonly intervalMs = (BACKUP_STALE_SECONDS * 1000) / 2;
  protected readonly failure = 'Could not look for left-behind backups';

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueueDriver,
    private readonly backups: ProjectBackups,
  ) {
    super();
  }

  protected override runsHere(): boolean {
    return this.queue.name === 'in-process';
  }

  protected async sweepOnce(): Promise<void> {
    const resumed = await this.backups.resumeOrphaned();
    if (resumed > 0) this.logger.log({ resumed }, `Took up ${resumed} backup(s) a stopped process left`);
  }
}
