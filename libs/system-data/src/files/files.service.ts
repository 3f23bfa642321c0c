import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, invalidPayload, isPlainObject, type AppConfig } from '@atrium/core';
import {
  addressPolicy,
  diskName,
  FileStorage,
  ImportError,
  keepingHead,
  openDownload,
  ownAddresses,
  storedType,
  titleFromFilename,
  typeAllowed,
  type Download,
  type DownloadOptions,
  type StorageDriver,
} from '@atrium/files';
import { ItemsReader, ItemsWriter, type ItemWriteSession, type Key, type RawQuery } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import { variantPrefix } from '@atrium/media';
import { ProjectQuota, quotaFull, wouldExceed } from '@atrium/tenancy';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { importFailure, importRequest } from './import-request';
import { AssetJobsEnqueuer, type NewFile } from './jobs/asset-jobs.enqueuer';
import { ByteBudget } from './byte-budget';
import { addMetadata } from './multipart-metadata';
import { contentTooLarge, limitedContent, type UploadFile, type UploadPart } from './upload-part';
import { VariantStore } from './variant-store';

type Row = Record<string, unknown>;

const FILES = 'directus_files';

/** Where a row's bytes are: its `storage` location and `filename_disk` there. */
interface StoredBytes {
  storage: string;
  name: string;
}

/** A row's bytes and how many there are (what a replace frees). */
interface RowBytes extends StoredBytes {
  size: number;
}

/** Rows an upload created: the answer, and the files whose post-upload jobs are queued once committed. */
interface CreatedRows {
  body: string | null;
  files: NewFile[];
}

/** One file part, stored under its disk name, waiting for its row. */
interface StoredUpload {
  bytes: StoredBytes;
  /** What the caller writes (checked by their create permission): metadata and the part's name and type. */
  payload: Row;
  /** What the server writes. */
  managed: Row;
}

/**
 * Uploads, imports and deletes of `/files`; every other route of the collection is the generic engine's. An
 * import is an upload whose bytes come from a URL (fetched with SSRF protection, see `openDownload`). An upload
 * stores each file part's bytes first, then creates all rows in one transaction: if anything fails (size
 * limit, aborted request, refused write, database error) the bytes stored so far are removed, so no row and
 * no bytes remain. A delete removes rows in its transaction and bytes only once it committed, so a refused
 * or failed delete keeps both.
 */
const sameBytes = (a: StoredBytes, b: StoredBytes): boolean => a.storage === b.storage && a.name === b.name;

@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);
  private readonly importOptions: DownloadOptions;

  private readonly mimeAllowList: readonly string[];

  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
    private readonly storage: FileStorage,
    private readonly assetJobs: AssetJobsEnqueuer,
    private readonly quota: ProjectQuota,
    private readonly variantStore: VariantStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.importOptions = {
      policy: addressPolicy({
        allow: config.fileImport.ipAllowList,
        deny: config.fileImport.ipDenyList,
        own: ownAddresses(),
      }),
      timeoutMs: config.fileImport.timeoutMs,
      // An imported file is held to the limit of an uploaded one.
      maxBytes: config.filesMaxUploadSize,
    };
    this.mimeAllowList = config.filesMimeTypeAllowList;
  }

  /**
   * `POST /files` multipart: text parts before a file part are that file's metadata (reset after each
   * file); one file answers `{data: file}`, several `{data: [...]}`.
   */
  async upload(
    context: RequestContext,
    parts: AsyncIterable<UploadPart>,
    raw: RawQuery,
  ): Promise<string | null> {
    // Refused callers are turned away before a single byte is written.
    const collection = this.reader.target(context, FILES, 'create', 'system');
    const location = this.storage.defaultLocation();
    const driver = this.storage.forProject(context.tenant.key, location);
    const budget = await this.budget(context);
    const stored: StoredUpload[] = [];
    let created: CreatedRows;
    try {
      let metadata: Row = {};
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.valueTruncated) throw contentTooLarge();
          addMetadata(collection, metadata, part.fieldname, part.value);
          continue;
        }
        stored.push(await this.store(location, driver, part, metadata, budget));
        metadata = {};
      }
      if (stored.length === 0) throw invalidPayload('No files were included in the body.');
      created = await this.createRows(context, collection, raw, stored);
    } catch (error) {
      await this.removeBytes(
        context,
        stored.map((upload) => upload.bytes),
      );
      throw error;
    }
    await this.afterGrowth(context);
    await this.assetJobs.enqueue(context.tenant, created.files);
    return created.body;
  }

  /**
   * `POST /files` with a JSON body: rows without bytes (an object creates one, an array many), through the
   * caller's create permission, as Directus does; like Directus, each needs its `type`. Directus lets such a
   * row name any `storage` and `filename_disk` (to describe an object already stored); here both are the
   * server's, so a row can never point at another file's or another project's bytes: it gets the default
   * location and no disk name, and `/assets/:id` answers 403 until bytes are uploaded with `PATCH`.
   */
  async createWithoutBytes(context: RequestContext, body: unknown, raw: RawQuery): Promise<string | null> {
    // Refused callers are turned away before the payload is looked at.
    this.reader.target(context, FILES, 'create', 'system');
    for (const item of Array.isArray(body) ? body : [body]) {
      if (isPlainObject(item) && (typeof item.type !== 'string' || item.type === '')) {
        throw invalidPayload('"type" is required.');
      }
    }
    return this.writer.create(context, FILES, body, raw, 'system', {
      storage: this.storage.defaultLocation(),
    });
  }

  /**
   * `POST /files/import` `{url, data?}`: downloads the URL into storage and creates its row as an upload
   * does, `data` being the row's metadata (it may override the download name, type and title, as in
   * Directus). Any failure leaves neither bytes nor row.
   */
  async importFile(context: RequestContext, body: unknown, raw: RawQuery): Promise<string | null> {
    const collection = this.reader.target(context, FILES, 'create', 'system');
    const { url, data } = importRequest(body);
    const location = this.storage.defaultLocation();
    const driver = this.storage.forProject(context.tenant.key, location);
    const budget = await this.budget(context);
    let stored: StoredUpload | null = null;
    let created: CreatedRows;
    try {
      const download = await openDownload(url, this.importOptions);
      stored = await this.storeDownload(location, driver, download, data, budget);
      created = await this.createRows(context, collection, raw, [stored]);
    } catch (error) {
      if (stored) await this.removeBytes(context, [stored.bytes]);
      if (error instanceof ImportError) {
        this.logger.warn({ url, failure: error.failure, reason: error.message }, 'file import failed');
      }
      throw importFailure(error, url);
    }
    await this.afterGrowth(context);
    await this.assetJobs.enqueue(context.tenant, created.files);
    return created.body;
  }

  /**
   * Multipart `PATCH /files/:id`: a file part replaces the stored bytes (size, type and download name follow
   * it), text parts are metadata, as in Directus. The new bytes go under a new disk name in the default
   * location (the row's `storage` follows), so until the row is committed the old ones stay whole; then the
   * old ones go, from the location they were in. Any failure or refusal removes the new bytes.
   */
  async replace(
    context: RequestContext,
    key: string,
    parts: AsyncIterable<UploadPart>,
    raw: RawQuery,
  ): Promise<string | null> {
    const collection = this.reader.target(context, FILES, 'update', 'system');
    const location = this.storage.defaultLocation();
    const driver = this.storage.forProject(context.tenant.key, location);
    const budget = await this.budget(context);
    let replacement: RowBytes | null = null;
    let body: string | null;
    let replacedType: string | null;
    try {
      const metadata: Row = {};
      const managed: Row = {};
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.valueTruncated) throw contentTooLarge();
          addMetadata(collection, metadata, part.fieldname, part.value);
          continue;
        }
        if (replacement) throw invalidPayload('A file is replaced by one file part, not several.');
        const written = await this.writeBytes(driver, randomUUID(), part, budget);
        replacement = { storage: location, name: written.name, size: written.size };
        Object.assign(metadata, { filename_download: written.filename, type: written.type });
        Object.assign(managed, {
          storage: location,
          filename_disk: written.name,
          filesize: written.size,
        });
      }
      const result = await this.writer.mutate(
        context,
        collection,
        raw,
        async ({ session, readBack, context: inside }) => {
          // A missing key is a 403 here even for an admin: there is no row whose bytes could be replaced.
          const [locked] = await session.lock(collection, [key]);
          const [before] = await this.storedBytes(inside, [locked]);
          if (replacement) {
            const freed = before?.size ?? 0;
            await this.quota.assertFits(context.tenant.project, session.db, replacement.size - freed, true);
            // The old bytes' variants go with them (their objects once committed, see `removeBytes`).
            await session.db.query('DELETE FROM public.atrium_asset_variants WHERE file = $1', [locked]);
          }
          await session.update(collection, locked, metadata, 'update', { managed });
          return { body: await readBack.one(locked), replaced: before ?? null };
        },
      );
      body = result.body;
      const { replaced } = result;
      if (replacement && replaced && !sameBytes(replaced, replacement)) {
        await this.removeBytes(context, [replaced]);
      }
      replacedType = typeof metadata.type === 'string' ? metadata.type : null;
    } catch (error) {
      if (replacement) await this.removeBytes(context, [replacement]);
      throw error;
    }
    // New bytes, new disk name: the old variants went with the old bytes, the new ones are queued.
    if (replacement) await this.afterGrowth(context);
    if (replacement) await this.assetJobs.enqueue(context.tenant, [{ id: key, type: replacedType }]);
    return body;
  }

  async deleteOne(context: RequestContext, key: string): Promise<void> {
    await this.deleteRows(context, (session, collection) => session.lock(collection, [key]));
  }

  /** `DELETE /files`: an array of keys, `{keys}` or `{query}`. */
  async deleteMany(context: RequestContext, body: unknown): Promise<void> {
    await this.deleteRows(context, (session, collection, inside) =>
      this.writer.deletionKeys(session, inside, collection, body),
    );
  }

  /** One row per stored file, in one transaction; one file answers an object, several a list. */
  private async createRows(
    context: RequestContext,
    collection: CollectionOverview,
    raw: RawQuery,
    stored: readonly StoredUpload[],
  ): Promise<CreatedRows> {
    const files: NewFile[] = [];
    const body = await this.writer.mutate(context, collection, raw, async ({ session, readBack }) => {
      // Reset per attempt, should the transaction be run again.
      files.length = 0;
      const adding = stored.reduce((sum, upload) => sum + Number(upload.managed.filesize), 0);
      // Held until the commit: concurrent uploads are admitted one after another, each seeing the others.
      await this.quota.assertFits(context.tenant.project, session.db, adding, true);
      const keys: Key[] = [];
      for (const upload of stored) {
        const key = await session.create(collection, upload.payload, upload.managed);
        keys.push(key);
        const type = upload.payload.type;
        files.push({ id: String(key), type: typeof type === 'string' ? type : null });
      }
      return keys.length > 1 ? readBack.many(keys) : readBack.one(keys[0]);
    });
    return { body, files };
  }

  private async store(
    location: string,
    driver: StorageDriver,
    part: UploadFile,
    metadata: Row,
    budget: ByteBudget,
  ): Promise<StoredUpload> {
    const id = randomUUID();
    const { name, size, filename, type } = await this.writeBytes(driver, id, part, budget);
    const payload: Row = { ...metadata, filename_download: filename, type };
    return {
      bytes: { storage: location, name },
      payload,
      managed: this.uploadFacts(location, id, name, size, filename, metadata),
    };
  }

  /** Streams a download's bytes to storage; the metadata sent wins over what the download says. */
  private async storeDownload(
    location: string,
    driver: StorageDriver,
    download: Download,
    metadata: Row,
    budget: ByteBudget,
  ): Promise<StoredUpload> {
    const id = randomUUID();
    const name = diskName(id, download.filename);
    const content = budget.meter(download.content);
    const { size, type } = await this.writeTyped(driver, name, content, download.contentType);
    // What the bytes are is the server's finding, whatever `data` says.
    const payload: Row = { filename_download: download.filename, ...metadata, type };
    return {
      bytes: { storage: location, name },
      payload,
      managed: this.uploadFacts(location, id, name, size, download.filename, metadata),
    };
  }

  /** What the server writes for a new file: where its bytes are, their size, when; the default title. */
  private uploadFacts(
    location: string,
    id: string,
    name: string,
    size: number,
    filename: string,
    metadata: Row,
  ): Row {
    const managed: Row = {
      id,
      storage: location,
      filename_disk: name,
      filesize: size,
      uploaded_on: new Date().toISOString(),
    };
    // Directus's default title; a fact of the upload, not something the caller asked to write.
    if (metadata.title === undefined) managed.title = titleFromFilename(filename);
    return managed;
  }

  /** Streams a part's bytes to a disk name made from `nameId`. */
  private async writeBytes(
    driver: StorageDriver,
    nameId: string,
    part: UploadFile,
    budget: ByteBudget,
  ): Promise<{ name: string; size: number; filename: string; type: string }> {
    const filename = part.filename || 'file';
    const name = diskName(nameId, filename);
    const content = budget.meter(limitedContent(part));
    const { size, type } = await this.writeTyped(driver, name, content, part.mimetype);
    return { name, size, filename, type };
  }

  /**
   * Writes bytes and works out their type from what was written (the declaration only where the bytes
   * cannot contradict it); a type outside FILES_MIME_TYPE_ALLOW_LIST removes the bytes again and is refused.
   */
  private async writeTyped(
    driver: StorageDriver,
    name: string,
    content: Readable,
    declared: string | null,
  ): Promise<{ size: number; type: string }> {
    const { stream, head } = keepingHead(content);
    const { size } = await driver.write(name, stream);
    const type = await storedType(head(), declared);
    if (!typeAllowed(type, this.mimeAllowList)) {
      await driver.delete(name).catch(() => undefined);
      throw invalidPayload(`File is of invalid content type "${type}".`);
    }
    return { size, type };
  }

  private async deleteRows(
    context: RequestContext,
    keysOf: (
      session: ItemWriteSession,
      collection: CollectionOverview,
      inside: RequestContext,
    ) => Promise<Key[]>,
  ): Promise<void> {
    const collection = this.reader.target(context, FILES, 'delete', 'system');
    const bytes = await this.writer.mutate(context, collection, {}, async ({ session, context: inside }) => {
      const keys = await keysOf(session, collection, inside);
      if (keys.length === 0) return [];
      const bytes = await this.storedBytes(inside, keys);
      await session.delete(collection, keys);
      return bytes;
    });
    // Committed: the rows are gone for good, so their bytes may go too.
    await this.removeBytes(context, bytes);
  }

  /** Where these (locked) rows' bytes are, in whichever location each row names. */
  private async storedBytes(inside: RequestContext, keys: readonly Key[]): Promise<RowBytes[]> {
    const { rows } = await (inside.db as NonNullable<RequestContext['db']>).query<{
      storage: string | null;
      name: string | null;
      size: string | null;
    }>(
      'SELECT storage, filename_disk AS name, filesize AS size FROM directus_files WHERE id = ANY($1::uuid[])',
      [keys],
    );
    return rows.flatMap(({ storage, name, size }) =>
      storage !== null && name !== null ? [{ storage, name, size: Number(size ?? 0) }] : [],
    );
  }

  /**
   * What this request may store under the project's quota: refused at once (before a byte is read) when it is
   * used up; the final word is the check in the transaction that creates the rows.
   */
  private async budget(context: RequestContext): Promise<ByteBudget> {
    const { project } = context.tenant;
    const room = await this.quota.room(project, await context.tenant.pool());
    if (room === 0) throw quotaFull(project);
    return new ByteBudget(room, () => wouldExceed(project));
  }

  /** After new bytes committed: measure the database afresh next time, and let a FIFO quota evict variants. */
  private async afterGrowth(context: RequestContext): Promise<void> {
    const { project } = context.tenant;
    if (project.quotaType === 'NONE') return;
    this.quota.forget(project);
    await this.variantStore.fitQuota({ project, pool: await context.tenant.pool() });
  }

  /**
   * Best effort, each object (and the transformed variants cached beside it) through the driver of its own
   * location: a leftover object costs space, never correctness, so a failure (or a location no longer
   * configured) is only logged.
   */
  private async removeBytes(context: RequestContext, objects: readonly StoredBytes[]): Promise<void> {
    for (const { storage, name } of objects) {
      try {
        const driver = this.storage.forProject(context.tenant.key, storage);
        for (const variant of await driver.list(variantPrefix(name))) await driver.delete(variant);
        await driver.delete(name);
      } catch (error) {
        this.logger.warn({ err: error, storage, file: name }, 'could not remove stored bytes');
      }
    }
  }
}
