import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AtriumException, type AppConfig } from '@atrium/core';
import { FileStorage, type StorageDriver } from '@atrium/files';
import {
  ASSET_METADATA_VARIANT,
  ASSETS_QUEUE,
  type AssetJobPayload,
  type JobContext,
  type JobProcessor,
} from '@atrium/jobs';
import {
  readImageMetadata,
  requestedTransformation,
  TRANSFORMABLE_TYPES,
  type FocalSource,
} from '@atrium/media';
import {
  ProjectRegistry,
  projectInstanceId,
  TenantConnectionManager,
  type ProjectEntity,
} from '@atrium/tenancy';
import { readAssetSettings } from '../asset-settings';
import { VariantProducer } from '../variant-producer';

interface StoredFile extends FocalSource {
  storage: string;
  filename_disk: string | null;
  type: string | null;
}

/** What a job is about once its project and file are known to still be the ones it was queued for. */
interface JobTarget {
  project: ProjectEntity;
  fileId: string;
  diskName: string;
  type: string;
  location: string;
  driver: StorageDriver;
  /** The row's size and focal point, which a preset's `cover` crop follows as the request path's does. */
  focus: FocalSource;
}

/** `column` keeps its value unless it is empty (null or ''), then takes `parameter`'s, if any. */
const unlessSet = (column: string, parameter: string): string =>
  `CASE WHEN COALESCE(${column}, '') = '' THEN COALESCE(${parameter}::text, ${column}) ELSE ${column} END`;

/** Errors that say the image itself is bad or the preset refused: retrying cannot help. */
function permanent(error: unknown): error is AtriumException {
  return (
    error instanceof AtriumException &&
    (error.code === 'ILLEGAL_ASSET_TRANSFORMATION' || error.code === 'INVALID_QUERY')
  );
}

/**
 * Runs `assets` jobs (DESIGN §7): `metadata` fills a file's size, EXIF subset and IPTC text, any other variant
 * pre-generates that preset exactly as `/assets/:id?key=<preset>` would (a client without `Accept` for
 * AVIF/WebP, the file's focal point followed as there). Every job re-reads its project and file, so a job of a
 * deleted or re-created project, or of a deleted file, does nothing. Storage and database faults throw
 * (retried with backoff); a bad image completes with a warning.
 */
@Injectable()
export class AssetJobsProcessor implements JobProcessor<AssetJobPayload> {
  readonly queue = ASSETS_QUEUE;
  private readonly logger = new Logger(AssetJobsProcessor.name);

  constructor(
    private readonly registry: ProjectRegistry,
    private readonly connections: TenantConnectionManager,
    private readonly storage: FileStorage,
    private readonly variants: VariantProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async process(payload: AssetJobPayload, job: JobContext): Promise<void> {
    const target = await this.target(payload, job);
    if (!target) return;
    try {
      if (payload.variant === ASSET_METADATA_VARIANT) await this.readMetadata(target);
      else await this.pregenerate(target, payload.variant);
    } catch (error) {
      if (!permanent(error)) throw error;
      this.logger.warn(
        {
          project: payload.project,
          fileId: payload.fileId,
          variant: payload.variant,
          jobId: job.id,
          reason: error.message,
        },
        'asset job skipped: the image cannot be processed',
      );
    }
  }

  /** The job's project and file if both are still the ones it was queued for; null (logged) otherwise. */
  private async target(payload: AssetJobPayload, job: JobContext): Promise<JobTarget | null> {
    const skip = (reason: string): null => {
      this.logger.debug(
        { project: payload.project, fileId: payload.fileId, jobId: job.id, reason },
        'asset job skipped',
      );
      return null;
    };
    // Fresh, not the request cache: a job may run long after the project changed.
    const project = await this.registry.findFresh(payload.project);
    if (!project) return skip('project deleted');
    if (projectInstanceId(project) !== payload.instance) return skip('project re-created since');
    if (project.status !== 'active') return skip(`project ${project.status}`);
    const file = await this.connections.withPool(project, async (pool) => {
      const { rows } = await pool.query<StoredFile>(
        `SELECT storage, filename_disk, type, width, height, focal_point_x, focal_point_y
           FROM directus_files WHERE id = $1`,
        [payload.fileId],
      );
      return rows[0];
    });
    if (!file?.filename_disk) return skip('file deleted');
    if (file.type === null || !TRANSFORMABLE_TYPES.includes(file.type))
      return skip('not a transformable image');
    let driver: StorageDriver;
    try {
      driver = this.storage.forProject(project.key, file.storage);
    } catch {
      return skip(`storage location "${file.storage}" is not configured`);
    }
    return {
      project,
      fileId: payload.fileId,
      diskName: file.filename_disk,
      type: file.type,
      location: file.storage,
      driver,
      focus: file,
    };
  }

  /**
   * Fills what the bytes say: the displayed size always (a fact of these bytes, like `filesize`); the
   * `metadata` subset, and the IPTC caption, headline and keywords as `description`, `title` and `tags`, only
   * where the row has none yet, so what the uploader set is kept (as Directus does).
   */
  private async readMetadata({ project, fileId, diskName, driver }: JobTarget): Promise<void> {
    const found = await readImageMetadata(driver.read(diskName));
    // Server-managed facts: no activity or revision. Only if the bytes are still these ones.
    await this.connections.withPool(project, (pool) =>
      pool.query(
        `UPDATE directus_files SET width = $2, height = $3,
           metadata = COALESCE(metadata, $5::json),
           description = ${unlessSet('description', '$6')},
           title = ${unlessSet('title', '$7')},
           tags = ${unlessSet('tags', '$8')}
         WHERE id = $1 AND filename_disk = $4`,
        [
          fileId,
          found.width,
          found.height,
          diskName,
          JSON.stringify(found.metadata),
          found.description ?? null,
          found.title ?? null,
          found.tags ? JSON.stringify(found.tags) : null,
        ],
      ),
    );
  }

  private async pregenerate(target: JobTarget, preset: string): Promise<void> {
    const { project, diskName, type, driver } = target;
    const settings = await this.connections.withPool(project, (pool) => readAssetSettings(pool));
    // The request path's own resolution: a preset removed or forbidden since is refused here as there.
    const transformation = requestedTransformation({ key: preset }, settings, this.config.assets);
    if (!transformation) return;
    const variant = this.variants.plan(diskName, type, transformation, undefined, await this.sized(target));
    if (await driver.stat(variant.name)) return;
    await this.connections.withPool(project, (pool) =>
      this.variants.produce({ ...target, owner: { project, pool } }, variant),
    );
  }

  /**
   * The row's size and focal point. Jobs run side by side, so the metadata job may not have stored the size
   * yet: a file with a focal point then takes it from the bytes, the size that job stores, so the variant is
   * named as requests will name it.
   */
  private async sized({ focus, driver, diskName }: JobTarget): Promise<FocalSource> {
    if (focus.focal_point_x === null || focus.focal_point_y === null || (focus.width && focus.height)) {
      return focus;
    }
    const { width, height } = await readImageMetadata(driver.read(diskName));
    return { ...focus, width, height };
  }
}
