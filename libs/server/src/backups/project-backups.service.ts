import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, invalidPayload, routeNotFound, serviceUnavailable } from '@atrium/core';
import { projectStorageRoot } from '@atrium/files';
import { ProjectTemplates } from '@atrium/schema';
import {
  DbServers,
  latestTenantMigrationName,
  PLATFORM_DATA_SOURCE,
  ProjectEntity,
  ProjectRegistry,
  ProvisionInput,
} from '@atrium/tenancy';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { writeProjectBackup } from './project-backup';
import { loadBackupRows, openBackup, restoreFiles } from './project-restore';

export type BackupReason = 'manual' | 'final';

/** A backup as `/server/projects/:project/backups` shows it. */
export interface BackupView {
  id: string;
  project: string;
  project_name: string;
  reason: BackupReason;
  status: 'running' | 'done' | 'failed';
  /** 0…1 while running. */
  progress: number;
  size: number | null;
  table_count: number | null;
  row_count: number | null;
  file_count: number | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

interface BackupRow extends Omit<BackupView, 'size' | 'row_count' | 'created_at' | 'finished_at'> {
  size: string | null;
  row_count: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toView(row: BackupRow): BackupView {
  return {
    ...row,
    size: row.size === null ? null : Number(row.size),
    row_count: row.row_count === null ? null : Number(row.row_count),
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

/**
 * Logical backups of projects into platform storage (`<STORAGE_LOCAL_ROOT>/.backups/<id>.tar.gz`), restores
 * into new projects, and clones. A backup runs in the background of the instance that was asked (its row
 * shows progress); the final backup of a deletion is awaited before the database is dropped.
 */
@Injectable()
export class ProjectBackups implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectBackups.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PLATFORM_DATA_SOURCE) private readonly platform: DataSource,
    private readonly registry: ProjectRegistry,
    private readonly servers: DbServers,
    private readonly templates: ProjectTemplates,
  ) {}

  /** Project keys never start with a dot, so this folder is no project's storage. */
  private get directory(): string {
    return path.join(this.config.storageLocalRoot, '.backups');
  }

  private archiveOf(id: string): string {
    return path.join(this.directory, `${id}.tar.gz`);
  }

  /** Starts a backup of the project; `wait` resolves only once it is written (and throws if it failed). */
  async create(key: string, reason: BackupReason = 'manual', wait = false): Promise<BackupView> {
    const project = await this.activeProject(key);
    const id = randomUUID();
    await this.platform.query(
      `INSERT INTO atrium_backups (id, project, project_name, reason, status) VALUES ($1, $2, $3, $4, 'running')`,
      [id, project.key, project.name, reason],
    );
    const run = this.run(id, project);
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    if (wait) {
      await run;
      const done = await this.find(id);
      if (done.status !== 'done') {
        // The caller's step (a deletion) must not go ahead without it: a 503 the operator can retry.
        throw serviceUnavailable(
          'backups',
          `The backup of "${key}" failed (${done.error ?? 'unknown error'}); nothing was changed.`,
        );
      }
      return done;
    }
    return this.find(id);
  }

  list(key: string): Promise<BackupView[]> {
    return this.platform
      .query(`SELECT * FROM atrium_backups WHERE project = $1 ORDER BY created_at DESC`, [key])
      .then((rows: BackupRow[]) => rows.map(toView));
  }

  async find(id: string): Promise<BackupView> {
    const rows: BackupRow[] = UUID.test(id)
      ? await this.platform.query(`SELECT * FROM atrium_backups WHERE id = $1`, [id])
      : [];
    if (rows.length === 0) throw routeNotFound(`/server/backups/${id}`);
    return toView(rows[0]);
  }

  /**
   * What provisioning needs to restore backup `id` into a new project: the schema snapshot is applied, then
   * the rows replace what seeding wrote (verified by count and checksum), then the files are copied.
   */
  async restoreInput(
    id: string,
  ): Promise<{ prepare: NonNullable<ProvisionInput['prepare']>; close(): Promise<void> }> {
    const backup = await this.find(id).catch(() => {
      throw invalidPayload(`"from_backup": there is no backup ${id}.`, { field: 'from_backup' });
    });
    if (backup.status !== 'done') {
      throw invalidPayload(`"from_backup": backup ${id} is ${backup.status}, not done.`, {
        field: 'from_backup',
      });
    }
    const opened = await openBackup(this.archiveOf(id));
    const latest = latestTenantMigrationName();
    if (opened.manifest.tenant_migration !== latest) {
      await opened.close();
      throw invalidPayload(
        `"from_backup": the backup was taken at tenant migration ${opened.manifest.tenant_migration}; ` +
          `this platform restores backups of ${latest} only.`,
        { field: 'from_backup' },
      );
    }
    const applySchema = this.templates.preparer(opened.snapshot);
    return {
      prepare: async (client, key) => {
        if (applySchema) await applySchema(client, key);
        await loadBackupRows(client, opened);
        await restoreFiles(opened, projectStorageRoot(this.config.storageLocalRoot, key));
      },
      close: () => opened.close(),
    };
  }

  /** The live project `clone_of` names; 400 when there is none. */
  async cloneSource(key: string): Promise<ProjectEntity> {
    const project = await this.registry.findFresh(key);
    if (!project || project.status !== 'active') {
      throw invalidPayload(`"clone_of": there is no active project "${key}".`, { field: 'clone_of' });
    }
    return project;
  }

  /** A clone's files: the source's, copied once its database is. */
  async copyFiles(from: string, to: string): Promise<void> {
    const source = projectStorageRoot(this.config.storageLocalRoot, from);
    await cp(source, projectStorageRoot(this.config.storageLocalRoot, to), { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
  }

  /** A backup being written finishes before the app closes the connections it reads through. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async activeProject(key: string): Promise<ProjectEntity> {
    const project = await this.registry.findFresh(key);
    if (!project || project.status === 'provisioning') throw routeNotFound(`/server/projects/${key}`);
    return project;
  }

  private async run(id: string, project: ProjectEntity): Promise<void> {
    const archive = this.archiveOf(id);
    const client = new Client({ connectionString: this.servers.tenantUrl(project.dbServer, project.dbName) });
    client.on('error', () => undefined); // a lost server fails the backup's query instead of crashing
    let lastReported = 0;
    try {
      await mkdir(this.directory, { recursive: true });
      await client.connect();
      const { size, manifest } = await writeProjectBackup(
        {
          key: project.key,
          name: project.name,
          tenantMigration: project.tenantMigration,
          client,
          storageRoot: projectStorageRoot(this.config.storageLocalRoot, project.key),
        },
        archive,
        (progress) => {
          if (progress - lastReported < 0.1 && progress < 1) return;
          lastReported = progress;
          void this.platform
            .query('UPDATE atrium_backups SET progress = $2 WHERE id = $1', [id, progress])
            .catch(() => undefined);
        },
      );
      await this.platform.query(
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
      this.logger.log({ project: project.key, backup: id, size }, 'project backed up');
    } catch (error) {
      await rm(archive, { force: true });
      this.logger.error({ project: project.key, backup: id, err: error }, 'project backup failed');
      await this.platform
        .query(`UPDATE atrium_backups SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
          id,
          (error as Error).message.slice(0, 500),
        ])
        .catch(() => undefined);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
