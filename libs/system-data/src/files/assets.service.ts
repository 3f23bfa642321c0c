import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import { FileStorage, type ByteRange, type StorageDriver } from '@atrium/files';
import { ItemsReader } from '@atrium/items';
import {
  asksForTransformation,
  CONTENT_TYPES,
  EXTENSIONS,
  requestedTransformation,
  TRANSFORMABLE_TYPES,
  type FocalSource,
} from '@atrium/media';
import type { RequestContext } from '@atrium/permissions';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { readAssetSettings } from './asset-settings';
import { VariantProducer, type PlannedVariant, type VariantSource } from './variant-producer';

const FILES = 'directus_files';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is served for one request: facts for the headers and a way to read the bytes. */
export interface Asset {
  type: string;
  filenameDownload: string;
  size: number;
  modified: Date;
  /** Changes whenever the bytes change (a replaced file gets a new disk name, a variant its own name). */
  etag: string;
  /** Byte ranges are served for originals only, as in Directus. */
  rangeable: boolean;
  /** The answer depends on the request's `Accept` (`format=auto`). */
  variesByAccept: boolean;
  read(range?: ByteRange): Readable;
}

interface FileFacts extends FocalSource {
  storage: string;
  filename_disk: string | null;
  filename_download: string;
  type: string | null;
  modified_on: Date;
}

function etagOf(...parts: Array<string | number>): string {
  return `"${createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 27)}"`;
}

function renamed(filename: string, extension: string): string {
  return `${filename.replace(/\.[^.]*$/, '')}.${extension}`;
}

/**
 * The file behind `/assets/:id`, as it is or transformed. Access is Directus's: the caller must be able to
 * read the file's row (their `directus_files` read rule, its row filter included); anything else — a
 * malformed id, a missing row, a row without stored bytes — is the same 403, so existence never leaks. Where
 * the bytes lie is read by the server, not through the caller's field permissions.
 *
 * Variants are cached beside the original under a hash of the normalised transformation (`VariantProducer`,
 * which the `assets` jobs use too, so a pre-generated preset is the object a request finds).
 */
@Injectable()
export class AssetsService {
  constructor(
    private readonly reader: ItemsReader,
    private readonly storage: FileStorage,
    private readonly variants: VariantProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    context: RequestContext,
    id: string,
    query: Record<string, unknown>,
    accept: string | undefined,
  ): Promise<Asset> {
    if (!UUID.test(id)) throw forbidden();
    await this.reader.readOne(context, FILES, id, { fields: 'id' }, 'system');
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<FileFacts>(
      `SELECT storage, filename_disk, filename_download, type, modified_on,
              width, height, focal_point_x, focal_point_y
         FROM directus_files WHERE id = $1`,
      [id],
    );
    const file = rows[0];
    if (!file?.filename_disk) throw forbidden();
    const driver = this.driverOf(context, file.storage);
    const stored = await driver.stat(file.filename_disk);
    if (!stored) throw forbidden();
    const transformation = asksForTransformation(query)
      ? requestedTransformation(
          query,
          await readAssetSettings(await context.tenant.pool()),
          this.config.assets,
        )
      : null;
    const type = file.type ?? 'application/octet-stream';
    const diskName = file.filename_disk;
    // Other files are served as they are whatever the parameters say (Directus does the same).
    if (!transformation || !TRANSFORMABLE_TYPES.includes(type)) {
      return {
        type,
        filenameDownload: file.filename_download,
        size: stored.size,
        modified: file.modified_on,
        etag: etagOf(id, diskName, stored.size, file.modified_on.getTime()),
        rangeable: true,
        variesByAccept: false,
        read: (range) => driver.read(diskName, range),
      };
    }
    const planned = this.variants.plan(diskName, type, transformation, accept, file);
    const { name, resolved, variesByAccept } = planned;
    const source = { driver, location: file.storage, fileId: id, diskName };
    const variant = await this.variant(context, source, planned);
    return {
      type: CONTENT_TYPES[resolved.format],
      filenameDownload: renamed(file.filename_download, EXTENSIONS[resolved.format]),
      size: variant.size,
      modified: file.modified_on,
      etag: etagOf(id, name, variant.size),
      rangeable: false,
      variesByAccept,
      read: variant.read,
    };
  }

  /** The driver of the file's location; a location no longer configured has nothing to serve (403). */
  private driverOf(context: RequestContext, location: string): StorageDriver {
    try {
      return this.storage.forProject(context.tenant.key, location);
    } catch {
      throw forbidden();
    }
  }

  /**
   * The stored variant, or one made now (once however many requests want it) and served from memory —
   * whether or not the project's quota let it be stored.
   */
  private async variant(
    context: RequestContext,
    source: Omit<VariantSource, 'owner'>,
    planned: PlannedVariant,
  ): Promise<{ size: number; read: () => Readable }> {
    const stored = await source.driver.stat(planned.name);
    if (stored) return { size: stored.size, read: () => source.driver.read(planned.name) };
    const owner = { project: context.tenant.project, pool: await context.tenant.pool() };
    const { data } = await this.variants.produce({ ...source, owner }, planned);
    return { size: data.length, read: () => Readable.from([data]) };
  }
}
