import { Injectable } from '@nestjs/common';
import { BACKUPS_QUEUE, type BackupJobPayload, type JobProcessor } from '@atrium/jobs';
import { ProjectRegistry, projectInstanceId } from '@atrium/tenancy';
import { BackupWriter, PROJECT_DELETED_FIRST } from './backup-writer';

/**
 * Runs `backups` jobs: the project must still be the one the backup was asked of (not deleted, not
 * re-created under its key), else the row fails with that reason. A failed backup completes the job: the row
 * holds the error and the operator asks again.
 */
@Injectable()
export class BackupJobsProcessor implements JobProcessor<BackupJobPayload> {
  readonly queue = BACKUPS_QUEUE;

  constructor(
    private readonly registry: ProjectRegistry,
    private readonly writer: BackupWriter,
  ) {}

  async process(payload: BackupJobPayload): Promise<void> {
    // Fresh, not the request cache: the job may run long after it was queued.
    const project = await this.registry.findFresh(payload.project);
    if (!project || project.status === 'provisioning' || projectInstanceId(project) !== payload.instance) {
      await this.writer.refuse(payload.backupId, PROJECT_DELETED_FIRST);
      return;
    }
    await this.writer.write(payload.backupId, project);
  }
}
