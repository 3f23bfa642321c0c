import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { FileStorage } from '@atrium/files';
import {
  DbServers,
  failQueriesOnServerLoss,
  PLATFORM_DATA_SOURCE,
  type ProjectEntity,
} from '@atrium/tenancy';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { backupArchiveName, backupsIn } from './backup-location';
import { writeProjectBackup } from './project-backup';

/** How often a running backup says it is alive; readers call one silent for `BACKUP_STALE_SECONDS` interrupted. */
const HEARTBEAT_MS = 5_000;
export const BACKUP_STALE_SECONDS = 30;

/** Why a backup asked of a project that was deleted before it ran has none. */
export const PROJECT_DELETED_FIRST = 'The project was deleted before its backup ran.';

/**
 * Writes the archive of one backup row (`atrium_backups`) and records its progress and outcome there. Runs
 * wherever the backup is taken: on a worker for a requested backup, in the deleting process for a final one.
 * A retry (a worker died mid-backup and BullMQ handed the job on) starts the row over.
 */
@Injectable()
export class BackupWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BackupWriter.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PLATFORM_DATA_SOURCE) private readonly platform: DataSource,
    private readonly servers: DbServers,
    private readonly files: FileStorage,
  ) {}

  /** Writes backup `id` of `project`; resolves true when it is done, false when it failed (the row says why). */
  write(id: string, project: ProjectEntity): Promise<boolean> {
    const run = this.run(id, project);
    this.running.add(run);
    void run.catch(() => undefined).finally(() => this.running.delete(run));
    return run;
  }

  /** Marks a backup that cannot be written at all (its project is gone) as failed. */
  async refuse(id: string, reason: string): Promise<void> {
    await this.platform.query(
      `UPDATE atrium_backups SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [id, reason],
    );
  }

  /** A backup being written finishes before the app closes the connections it reads through. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(id: string, project: ProjectEntity): Promise<boolean> {
    // Where this process writes backups, whatever the row was queued with: the row records it.
    const location = this.config.storage.backupLocation;
    const archives = backupsIn(this.files, location);
    const archive = backupArchiveName(id);
    const client = new Client({ connectionString: this.servers.tenantUrl(project.dbServer, project.dbName) });
    failQueriesOnServerLoss(client);
    const beat = () =>
      this.platform
        .query('UPDATE atrium_backups SET heartbeat_at = now() WHERE id = $1', [id])
        .catch(() => undefined);
    const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
    heartbeat.unref();
    let lastReported = 0;
    try {
      const started = await this.updateRow(
        `UPDATE atrium_backups SET status = 'running', progress = 0, error = NULL, finished_at = NULL,
                heartbeat_at = now(), archive_location = $2 WHERE id = $1`,
        [id, location],
      );
      // The operator deleted it (an interrupted backup whose job BullMQ hands on later): no archive without a row.
      if (!started) {
        this.logger.warn({ project: project.key, backup: id }, 'backup deleted before it was written');
        return false;
      }
      await client.connect();
      const { size, manifest } = await writeProjectBackup(
        {
          key: project.key,
          name: project.name,
          client,
          storage: this.files
            .locations()
            .map((location) => ({ location, driver: this.files.forProject(project.key, location) })),
        },
        (gzipped) => archives.write(archive, gzipped),
        (progress) => {
          if (progress - lastReported < 0.1 && progress < 1) return;
          lastReported = progress;
          // Not awaited, so one may land after the outcome: it must not change it.
          void this.platform
            .query(
              `UPDATE atrium_backups SET progress = $2, heartbeat_at = now() WHERE id = $1 AND status = 'running'`,
              [id, progress],
            )
            .catch(() => undefined);
        },
      );
      const recorded = await this.updateRow(
        `UPDATE atrium_backups SET status = 'done', progress = 1, size = $2, table_count = $3, row_count = $4,
                file_count = $5, finished_at = now() WHERE id = $1`,
        [
          id,
          size,
          manifest.tables.length,
          manifest.tables.reduce((sum, table) => sum + table.rows, 0),
          manifest.files.length,
        ],
      );
      // Deleted while it was written (shown interrupted meanwhile, then deleted): its archive goes too.
      if (!recorded) {
        await archives.delete(archive);
        this.logger.warn({ project: project.key, backup: id }, 'backup deleted while it was written');
        return false;
      }
      this.logger.log({ project: project.key, backup: id, size, location }, 'project backed up');
      return true;
    } catch (error) {
      // What could not be written is not left half-written (and a failing cleanup is not the news).
      await archives.delete(archive).catch(() => undefined);
      this.logger.error({ project: project.key, backup: id, err: error }, 'project backup failed');
      await this.refuse(id, (error as Error).message.slice(0, 500)).catch(() => undefined);
      return false;
    } finally {
      clearInterval(heartbeat);
      await client.end().catch(() => undefined);
    }
  }

  /** Runs an `UPDATE … WHERE id = $1` on a backup row; false when the row is gone (the operator deleted it). */
  private async updateRow(update: string, parameters: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.platform.query(
      `WITH updated AS (${update} RETURNING id) SELECT id FROM updated`,
      parameters,
    );
    return rows.length > 0;
  }
}
