import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import { FileStorage, type ByteRange, type OpenedObject, type StorageDriver } from '@atrium/files';
import { ItemsReader } from '@atrium/items';
import {
  asksForTransformation,
  CONTENT_TYPES,
  EXTENSIONS,
  requestedTransformation,
  TRANSFORMATION_PARAMETERS,
  TRANSFORMABLE_TYPES,
  variantPrefix,
  type FocalSource,
  type Transformation,
} from '@atrium/media';
import type { RequestContext } from '@atrium/permissions';
import { parseQuery } from '@atrium/query';
import { Readable } from 'node:stream';
import { AssetSettingsCache } from './asset-settings-cache';
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
  /** The bytes (the object is already open); call it once, or `close` instead. */
  read(range?: ByteRange): Readable;
  /** Releases the open object when no body is sent (HEAD, 304, an error). */
  close(): void;
}

/** The row's facts an answer needs; read by the server whatever the caller's field permissions say. */
interface FileFacts extends FocalSource {
  storage: string;
  filename_disk: string | null;
  filename_download: string;
  type: string | null;
  /** JSON text of the timestamp. */
  modified_on: string;
  filesize: number | string | null;
}

const FACTS = parseQuery({
  fields: [
    'storage',
    'filename_disk',
    'filename_download',
    'type',
    'modified_on',
    'filesize',
    'width',
    'height',
    'focal_point_x',
    'focal_point_y',
  ],
});

/**
 * A short validator of the given facts, no hash: the parts already change whenever the bytes do (size,
 * times, a variant's name, which names its transformation). Only characters an ETag may hold unquoted.
 */
function etagOf(...parts: Array<string | number>): string {
  const text = parts.map((part) => (typeof part === 'number' ? part.toString(36) : part));
  return `"${text.join('-').replace(/[^\w-]/g, '_')}"`;
}

function renamed(filename: string, extension: string): string {
  return `${filename.replace(/\.[^.]*$/, '')}.${extension}`;
}

/** The transformation parameters of a query, as one string: equal for queries asking the same. */
function transformationKey(query: Record<string, unknown>): string {
  return JSON.stringify(TRANSFORMATION_PARAMETERS.map((name) => query[name] ?? null));
}

/**
 * The file behind `/assets/:id`, as it is or transformed. Access is Directus's: the caller must be able to
 * read the file's row (their `directus_files` read rule, its row filter included); anything else — a
 * malformed id, a missing row, a row without stored bytes — is the same 403, so existence never leaks. Where
 * the bytes lie is read by the server, not through the caller's field permissions: access and facts are one
 * statement (`ItemsReader.rowFacts`).
 *
 * Variants are cached beside the original under a hash of the normalised transformation (`VariantProducer`,
 * which the `assets` jobs use too, so a pre-generated preset is the object a request finds). The object
 * served is opened before any header is sent, so one gone meanwhile (evicted, deleted) is made again or
 * answered 403, never a broken body.
 */
@Injectable()
export class AssetsService {
  constructor(
    private readonly reader: ItemsReader,
    private readonly storage: FileStorage,
    private readonly variants: VariantProducer,
    private readonly settings: AssetSettingsCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    context: RequestContext,
    id: string,
    query: Record<string, unknown>,
    accept: string | undefined,
  ): Promise<Asset> {
    if (!UUID.test(id)) throw forbidden();
    const file = await this.reader.rowFacts<FileFacts>(context, FILES, id, FACTS, 'system');
    if (!file?.filename_disk) throw forbidden();
    const driver = this.driverOf(context, file.storage);
    const transformation = asksForTransformation(query) ? await this.transformationOf(context, query) : null;
    const type = file.type ?? 'application/octet-stream';
    const diskName = file.filename_disk;
    const modified = new Date(file.modified_on);
    // Other files are served as they are whatever the parameters say (Directus does the same).
    if (!transformation || !TRANSFORMABLE_TYPES.includes(type)) {
      const stored = await driver.open(diskName);
      if (!stored) throw forbidden();
      return {
        type,
        filenameDownload: file.filename_download,
        size: stored.size,
        modified,
        etag: etagOf(stored.size, stored.modified.getTime(), modified.getTime()),
        rangeable: true,
        variesByAccept: false,
        read: (range) => stored.read(range),
        close: () => stored.close(),
      };
    }
    const planned = this.variants.plan(diskName, type, transformation, accept, file);
    const { name, resolved, variesByAccept } = planned;
    // The original is not looked at when its variant is there: the row says all the answer needs.
    const source = { driver, location: file.storage, fileId: id, diskName };
    const variant = (await driver.open(name)) ?? (await this.produce(context, source, planned));
    return {
      type: CONTENT_TYPES[resolved.format],
      filenameDownload: renamed(file.filename_download, EXTENSIONS[resolved.format]),
      size: variant.size,
      modified,
      etag: etagOf(name.slice(variantPrefix(diskName).length), variant.size, modified.getTime()),
      rangeable: false,
      variesByAccept,
      read: () => variant.read(),
      close: () => variant.close(),
    };
  }

  /** The query's transformation under the project's settings, both cached per project instance. */
  private async transformationOf(
    context: RequestContext,
    query: Record<string, unknown>,
  ): Promise<Transformation> {
    const project = await this.settings.of(context.tenant);
    const { transformation } = project.remembered(transformationKey(query), () => ({
      // Frozen: one value serves every request asking the same, so nothing downstream may change it.
      transformation: Object.freeze(
        requestedTransformation(query, project.settings, this.config.assets) as Transformation,
      ),
    }));
    return transformation;
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
   * Makes the variant (once however many requests want it now) and serves it from memory, whether or not
   * the project's quota let it be stored (`VariantStore`).
   */
  private async produce(
    context: RequestContext,
    source: Omit<VariantSource, 'owner'>,
    variant: PlannedVariant,
  ): Promise<OpenedObject> {
    // A row whose bytes are gone is the same 403 as before any variant was asked for.
    if (!(await source.driver.exists(source.diskName))) throw forbidden();
    const owner = { project: context.tenant.project, pool: await context.tenant.pool() };
    const { data } = await this.variants.produce({ ...source, owner }, variant);
    return {
      size: data.length,
      modified: new Date(),
      read: () => Readable.from([data]),
      close: () => undefined,
    };
  }
}
