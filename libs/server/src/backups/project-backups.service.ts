import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, invalidPayload, routeNotFound, serviceUnavailable } from '@atrium/core';
import { FileStorage, LocalStorageDriver, projectStorageRoot } from '@atrium/files';
import { enqueueBackupJob, JOB_QUEUE, type JobQueueDriver } from '@atrium/jobs';
import { ProjectTemplates } from '@atrium/schema';
import {
  DbServers,
  latestTenantMigrationName,
  PLATFORM_DATA_SOURCE,
  ProjectCleanups,
  ProjectEntity,
  projectInstanceId,
  ProjectRegistry,
  ProvisionInput,
  tenantMigrationNamesInOrder,
} from '@atrium/tenancy';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ProjectsService } from '../projects.service';
import type { ProjectView } from '../project-view';
import { forwardBackupTables } from './backup-forward';
import { scratchDatabaseOn } from './scratch-database';
import { backupArchiveName, backupLocationOf, backupsIn } from './backup-location';
import { BACKUP_STALE_SECONDS, BackupWriter, PROJECT_DELETED_FIRST } from './backup-writer';
import {
  loadBackupRows,
  missingLocations,
  openBackup,
  type OpenedBackup,
  restoreFiles,
} from './project-restore';

export type BackupReason = 'manual' | 'final';

/** A backup as `/server/projects/:project/backups` shows it. */
export interface BackupView {
  id: string;
  project: string;
  project_name: string;
  reason: BackupReason;
  /** `queued` until a worker takes it up. */
  status: 'queued' | 'running' | 'done' | 'failed';
  /** 0…1 while running. */
  progress: number;
  size: number | null;
  table_count: number | null;
  row_count: number | null;
  file_count: number | null;
  /** The storage location holding its archive (`BACKUP_LOCATION` of the process that wrote it). */
  storage: string;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

interface BackupRow extends Omit<
  BackupView,
  'size' | 'row_count' | 'storage' | 'created_at' | 'finished_at'
> {
  size: string | null;
  archive_location: string | null;
  row_count: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** The registry settings of a project made from a backup or a clone; its users come from its source. */
export type CopiedProjectSettings = Omit<
  ProvisionInput,
  'adminEmail' | 'adminPassword' | 'prepare' | 'cloneFrom'
>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `id, project, project_name, reason, status, progress, size, table_count, row_count, file_count,
                 archive_location, error, created_at, finished_at`;

function toView({ archive_location, ...row }: BackupRow): BackupView {
  return {
    ...row,
    storage: backupLocationOf(archive_location),
    size: row.size === null ? null : Number(row.size),
    row_count: row.row_count === null ? null : Number(row.row_count),
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

/**
 * Logical backups of projects into platform storage (`.backups/<id>.tar.gz` of `BACKUP_LOCATION`), restores
 * into new projects, and clones. A requested backup is a `backups` job (a worker writes it, its row shows
 * progress); the final backup of a deletion is written by the deleting process before the database is dropped.
 */
@Injectable()
export class ProjectBackups implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PLATFORM_DATA_SOURCE) private readonly platform: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueueDriver,
    private readonly registry: ProjectRegistry,
    private readonly projects: ProjectsService,
    private readonly templates: ProjectTemplates,
    private readonly writer: BackupWriter,
    private readonly cleanups: ProjectCleanups,
    private readonly files: FileStorage,
    private readonly servers: DbServers,
  ) {}

  /** A deleted project's queued backup jobs are dropped with its other jobs: their rows say so. */
  onModuleInit(): void {
    this.cleanups.register('queued-backups', async (key) => {
      await this.platform.query(
        `UPDATE atrium_backups SET status = 'failed', error = $2, finished_at = now()
          WHERE project = $1 AND status = 'queued'`,
        [key, PROJECT_DELETED_FIRST],
      );
    });
  }

  /** Queues a backup of the project; its row is `queued` until a worker starts it. */
  async request(key: string): Promise<BackupView> {
    const project = await this.activeProject(key);
    const id = await this.insert(project, 'manual', 'queued');
    // Read before the job is queued: a worker may start it at once, and the answer is what was asked for.
    const queued = await this.find(id);
    try {
      await enqueueBackupJob(this.queue, {
        project: project.key,
        instance: projectInstanceId(project),
        backupId: id,
      });
    } catch (error) {
      await this.writer.refuse(id, 'The job queue could not take the backup.').catch(() => undefined);
      throw error;
    }
    return queued;
  }

  /**
   * Without Redis a backup's job lives in the process that was asked for it: one still queued, or being
   * written, when that process stopped is left behind in its row (a reader may have marked it interrupted).
   * Rows whose heartbeat is `BACKUP_STALE_SECONDS` old are claimed (the claim moves the heartbeat, so of
   * several sweepers one takes each) and queued again; a job still pending here is not queued twice (job ids
   * are unique while pending). Answers how many were taken up.
   */
  async resumeOrphaned(): Promise<number> {
    const claimed: Array<{ id: string; project: string }> = await this.platform.query(
      `WITH claimed AS (
         UPDATE atrium_backups SET status = 'queued', heartbeat_at = now()
          WHERE (status IN ('queued', 'running') OR (status = 'failed' AND error = $2))
            AND heartbeat_at < now() - make_interval(secs => $1)
          RETURNING id, project)
       SELECT id, project FROM claimed`,
      [BACKUP_STALE_SECONDS, INTERRUPTED],
    );
    for (const { id, project: key } of claimed) {
      const project = await this.registry.findFresh(key);
      if (!project) {
        await this.writer.refuse(id, PROJECT_DELETED_FIRST);
        continue;
      }
      await enqueueBackupJob(this.queue, {
        project: project.key,
        instance: projectInstanceId(project),
        backupId: id,
      }).catch(() => this.writer.refuse(id, 'The job queue could not take the backup.'));
    }
    return claimed.length;
  }

  /** Writes a backup here and now (the final one of a deletion, the CLI's); 503 when it failed. */
  async backUpNow(key: string, reason: BackupReason): Promise<BackupView> {
    const project = await this.activeProject(key);
    const id = await this.insert(project, reason, 'running');
    if (!(await this.writer.write(id, project))) {
      const failed = await this.find(id);
      // The caller's next step (a deletion) must not go ahead without it: a 503 the operator can retry.
      throw serviceUnavailable(
        'backups',
        `The backup of "${key}" failed (${failed.error ?? 'unknown error'}); nothing was changed.`,
      );
    }
    return this.find(id);
  }

  async list(key: string): Promise<BackupView[]> {
    await this.markInterrupted();
    const rows: BackupRow[] = await this.platform.query(
      `SELECT ${COLUMNS} FROM atrium_backups WHERE project = $1 ORDER BY created_at DESC`,
      [key],
    );
    return rows.map(toView);
  }

  async find(id: string): Promise<BackupView> {
    if (!UUID.test(id)) throw routeNotFound(`/server/backups/${id}`);
    await this.markInterrupted();
    const rows: BackupRow[] = await this.platform.query(
      `SELECT ${COLUMNS} FROM atrium_backups WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) throw routeNotFound(`/server/backups/${id}`);
    return toView(rows[0]);
  }

  /** Backup `id` of project `key` (a deleted one's too); 404 when it is another project's. */
  async findOf(key: string, id: string): Promise<BackupView> {
    const backup = await this.find(id);
    if (backup.project !== key) throw routeNotFound(`/server/projects/${key}/backups/${id}`);
    return backup;
  }

  /**
   * Deletes a finished or failed backup of project `key`: its archive, then its row. The row stays locked
   * meanwhile, so nothing takes an interrupted backup up again halfway; a location that does not answer is a
   * 503 with nothing changed. A backup whose location is no longer configured loses only its row (the
   * platform cannot reach its archive).
   */
  async remove(key: string, id: string): Promise<void> {
    await this.findOf(key, id);
    await this.platform.transaction(async (manager) => {
      const rows: Array<Pick<BackupRow, 'status' | 'archive_location'>> = await manager.query(
        'SELECT status, archive_location FROM atrium_backups WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (rows.length === 0) return; // Deleted meanwhile: what was asked is so.
      const [{ status, archive_location }] = rows;
      if (status === 'queued' || status === 'running') {
        throw invalidPayload(`Backup ${id} is ${status}; delete it once it is done or failed.`);
      }
      const location = backupLocationOf(archive_location);
      if (this.files.hasPlatformLocation(location)) {
        await backupsIn(this.files, location)
          .delete(backupArchiveName(id))
          .catch(() => {
            throw serviceUnavailable(
              'backups',
              `The storage location ${location} holding backup ${id} does not answer; nothing was deleted.`,
            );
          });
      }
      await manager.query('DELETE FROM atrium_backups WHERE id = $1', [id]);
    });
  }

  /** A new project holding backup `backupId`: the backup's users replace the seeded admin. */
  async restore(backupId: string, settings: CopiedProjectSettings): Promise<ProjectView> {
    const restore = await this.restoreInput(backupId);
    try {
      return await this.projects.create({ ...copiedProject(settings), prepare: restore.prepare });
    } finally {
      await restore.close();
    }
  }

  /** A new project copied from the live project `sourceKey`, database and files. */
  async clone(sourceKey: string, settings: CopiedProjectSettings): Promise<ProjectView> {
    const source = await this.cloneSource(sourceKey);
    const view = await this.projects.create({ ...copiedProject(settings), cloneFrom: source });
    await this.copyFiles(source.key, view.key);
    return view;
  }

  /**
   * What provisioning needs to restore backup `id` into a new project: the schema snapshot is applied, then
   * the rows replace what seeding wrote (verified by count and checksum), then the files are copied.
   */
  private async restoreInput(
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
    const opened = await this.openArchive(backup);
    let tables = opened.tables;
    try {
      const at = opened.manifest.tenant_migration;
      if (at === null || !tenantMigrationNamesInOrder().includes(at)) {
        throw invalidPayload(
          `"from_backup": the backup was taken at tenant migration ${at ?? '(none)'}, which this platform ` +
            `does not know (newest: ${latestTenantMigrationName()}); restore it on the platform that wrote it.`,
          { field: 'from_backup' },
        );
      }
      const missing = missingLocations(opened, this.files.locations());
      if (missing.length > 0) {
        throw invalidPayload(
          `"from_backup": the backup holds files of storage locations this platform does not have: ` +
            `${missing.join(', ')} (STORAGE_LOCATIONS).`,
          { field: 'from_backup' },
        );
      }
      // An older backup's platform tables are migrated forward first, as the project's would have been.
      if (at !== latestTenantMigrationName())
        tables = await forwardBackupTables(
          opened,
          scratchDatabaseOn(this.servers, this.config.tenantDbPrefix),
        );
    } catch (error) {
      await opened.close();
      throw error;
    }
    const applySchema = this.templates.preparer(opened.snapshot);
    return {
      prepare: async (client, key) => {
        if (applySchema) await applySchema(client, key);
        await loadBackupRows(client, tables);
        await restoreFiles(opened, (location) =>
          location === null
            ? new LocalStorageDriver(projectStorageRoot(this.config.storageLocalRoot, key))
            : this.files.forProject(key, location),
        );
      },
      close: () => opened.close(),
    };
  }

  /** The unpacked archive of a finished backup; 400 when its location is gone or the archive damaged. */
  private async openArchive(backup: BackupView): Promise<OpenedBackup> {
    const refuse = (why: string) =>
      invalidPayload(`"from_backup": ${why}; it cannot be restored.`, { field: 'from_backup' });
    if (!this.files.hasPlatformLocation(backup.storage)) {
      throw refuse(
        `backup ${backup.id} is kept in storage location ${backup.storage}, which this platform does not ` +
          `have (STORAGE_LOCATIONS)`,
      );
    }
    const where = `storage location ${backup.storage}`;
    const archive = await backupsIn(this.files, backup.storage)
      .open(backupArchiveName(backup.id))
      .catch(() => {
        throw serviceUnavailable('backups', `The ${where} holding backup ${backup.id} does not answer.`);
      });
    if (!archive) throw refuse(`the archive of backup ${backup.id} is gone from ${where}`);
    return openBackup(archive.read()).catch(() => {
      throw refuse(`the archive of backup ${backup.id} is damaged in ${where}`);
    });
  }

  /** The live project `clone_of` names; 400 when there is none. */
  private async cloneSource(key: string): Promise<ProjectEntity> {
    const project = await this.registry.findFresh(key);
    if (!project || project.status !== 'active') {
      throw invalidPayload(`"clone_of": there is no active project "${key}".`, { field: 'clone_of' });
    }
    return project;
  }

  /** A clone's files: the source's objects in every location, copied once its database is. */
  private async copyFiles(from: string, to: string): Promise<void> {
    for (const location of this.files.locations()) {
      const source = this.files.forProject(from, location);
      const target = this.files.forProject(to, location);
      for (const name of await source.list('')) {
        const object = await source.open(name);
        // Deleted since it was listed: the clone's row, if any, points at nothing, as the source's does.
        if (object) await target.write(name, object.read());
      }
    }
  }

  private async activeProject(key: string): Promise<ProjectEntity> {
    const project = await this.registry.findFresh(key);
    if (!project || project.status === 'provisioning') throw routeNotFound(`/server/projects/${key}`);
    return project;
  }

  private async insert(
    project: ProjectEntity,
    reason: BackupReason,
    status: 'queued' | 'running',
  ): Promise<string> {
    const id = randomUUID();
    await this.platform.query(
      `INSERT INTO atrium_backups (id, project, project_name, reason, status, heartbeat_at, archive_location)
       VALUES ($1, $2, $3, $4, $5, now(), $6)`,
      [id, project.key, project.name, reason, status, this.config.storage.backupLocation],
    );
    return id;
  }

  /** A running backup whose writer stopped beating (its process died) is reported as what it is. */
  private async markInterrupted(): Promise<void> {
    await this.platform.query(
      `UPDATE atrium_backups
          SET status = 'failed', finished_at = now(),
              error = $2
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`,
      [BACKUP_STALE_SECONDS, INTERRUPTED],
    );
  }
}

/** What a backup whose writer stopped beating says; a worker (or, without Redis, the API) takes it up again. */
const INTERRUPTED = 'Interrupted: the process writing it stopped. A worker may take it up again.';

/**
 * A copy's users come from its source, so the seeded admin provisioning makes is replaced: it gets an
 * address nobody owns and a password nobody knows.
 */
function copiedProject(settings: CopiedProjectSettings): ProvisionInput {
  return {
    ...settings,
    adminEmail: 'restored@invalid.invalid',
    adminPassword: randomBytes(24).toString('base64url'),
  };
}
