import type { JobQueueDriver } from '../../job-queue.driver';

/** Project backups requested with `POST /server/projects/:project/backups`, written by a worker. */
export const BACKUPS_QUEUE = 'backups';

export const BACKUP_JOB_NAME = 'backup';

/** The backup's row (`atrium_backups`) says what to back up and records progress and outcome. */
export interface BackupJobPayload {
  project: string;
  /** `projectInstanceId` at request time: a project re-created under the key meanwhile is not backed up. */
  instance: string;
  backupId: string;
}

/** `<project>:backup:<id>`: one job per backup row, under the project's `<project>:` prefix. */
export function backupJobId({ project, backupId }: Pick<BackupJobPayload, 'project' | 'backupId'>): string {
  return `${project}:backup:${backupId}`;
}

/**
 * Queues a backup. One try: a backup that failed says why in its row and is asked for again by the operator;
 * a worker that died mid-backup is not a failed try (BullMQ hands the stalled job to another worker).
 */
export function enqueueBackupJob(queue: JobQueueDriver, payload: BackupJobPayload): Promise<void> {
  return queue.add<BackupJobPayload>(BACKUPS_QUEUE, BACKUP_JOB_NAME, payload, {
    jobId: backupJobId(payload),
    attempts: 1,
  });
}
