import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { JOB_QUEUE, type JobQueueDriver } from '@atrium/jobs';
import { BACKUP_STALE_SECONDS } from './backup-writer';
import { ProjectBackups } from './project-backups.service';

/** Often enough that a left-behind backup waits at most about twice its staleness. */
const SWEEP_MS = (BACKUP_STALE_SECONDS * 1000) / 2;

/**
 * Without Redis, takes up the backups a stopped API process left queued or half-written (its in-memory queue
 * went with it): at start and then periodically. With Redis the queue keeps them, and a new worker takes a
 * stalled job on, so nothing runs. Provided by the API only: a CLI process is too short-lived to hold a job.
 */
@Injectable()
export class OrphanedBackupsSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Backups');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueueDriver,
    private readonly backups: ProjectBackups,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.queue.name !== 'in-process') return;
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const resumed = await this.backups.resumeOrphaned();
      if (resumed > 0) this.logger.log({ resumed }, `Took up ${resumed} backup(s) a stopped process left`);
    } catch (error) {
      // The platform database may be briefly away; the next sweep tries again.
      this.logger.warn({ err: error }, 'Could not look for left-behind backups');
    }
  }
}
