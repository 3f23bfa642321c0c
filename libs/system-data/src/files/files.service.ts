import { Injectable, Logger } from '@nestjs/common';
import { invalidPayload } from '@atrium/core';
import { diskName, FileStorage, LOCAL_STORAGE, titleFromFilename, type StorageDriver } from '@atrium/files';
import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { PrimaryKey, Row } from '../definitions/collection-definition';
import { FILES } from '../definitions/files.definition';
import { parseDeleteBody } from '../payload/mutation-body';
import { requireKey } from '../payload/parse-key';
import type { SystemContext } from '../services/system-context';
import { SystemItemsService, type RawQuery } from '../services/system-items.service';
import { addMetadata } from './multipart-metadata';
import { contentTooLarge, limitedContent, type UploadFile, type UploadPart } from './upload-part';

/** One file part, stored under its disk name, waiting for its row. */
interface StoredUpload {
  diskName: string;
  /** What the caller writes (checked by their create permission): metadata and the part's name and type. */
  payload: Row;
  /** What the server writes. */
  managed: Row;
}

/**
 * Uploads and deletes of `/files`; every other route of the collection is the generic engine's. An upload
 * stores each file part's bytes first, then creates all rows in one transaction: if anything fails (size
 * limit, aborted request, refused write, database error) the bytes stored so far are removed, so no row and
 * no bytes remain. A delete removes rows in its transaction and bytes only once it committed, so a refused
 * or failed delete keeps both.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    private readonly items: SystemItemsService,
    private readonly storage: FileStorage,
  ) {}

  /**
   * `POST /files` multipart: text parts before a file part are that file's metadata (reset after each
   * file); one file answers `{data: file}`, several `{data: [...]}`.
   */
  async upload(context: SystemContext, parts: AsyncIterable<UploadPart>, raw: RawQuery): Promise<string> {
    // Refused callers are turned away before a single byte is written.
    await this.items.authorize(context, FILES, 'create');
    const driver = this.storage.forProject(context.tenant.key);
    const stored: StoredUpload[] = [];
    try {
      let metadata: Row = {};
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.valueTruncated) throw contentTooLarge();
          addMetadata(FILES, metadata, part.fieldname, part.value);
          continue;
        }
        stored.push(await this.store(driver, part, metadata));
        metadata = {};
      }
      if (stored.length === 0) throw invalidPayload('No files were included in the body.');
      return await this.items.mutate(context, FILES, raw, async (session, readBack) => {
        const keys: PrimaryKey[] = [];
        for (const upload of stored) keys.push(await session.create(upload.payload, upload.managed));
        return keys.length > 1 ? readBack.many(keys) : readBack.one(keys[0]);
      });
    } catch (error) {
      await this.removeBytes(
        driver,
        stored.map((upload) => upload.diskName),
      );
      throw error;
    }
  }

  /**
   * Multipart `PATCH /files/:id`: a file part replaces the stored bytes (size, type and download name follow
   * it), text parts are metadata, as in Directus. The new bytes go under a new disk name, so until the row is
   * committed the old ones stay whole; then the old ones go. Any failure or refusal removes the new bytes.
   */
  async replace(
    context: SystemContext,
    rawKey: unknown,
    parts: AsyncIterable<UploadPart>,
    raw: RawQuery,
  ): Promise<string | null> {
    await this.items.authorize(context, FILES, 'update');
    const key = requireKey(FILES, rawKey);
    const driver = this.storage.forProject(context.tenant.key);
    let replacement: { name: string; size: number } | null = null;
    try {
      const metadata: Row = {};
      const managed: Row = {};
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.valueTruncated) throw contentTooLarge();
          addMetadata(FILES, metadata, part.fieldname, part.value);
          continue;
        }
        if (replacement) throw invalidPayload('A file is replaced by one file part, not several.');
        const written = await this.writeBytes(driver, randomUUID(), part);
        replacement = written;
        Object.assign(metadata, { filename_download: written.filename, type: part.mimetype });
        Object.assign(managed, {
          storage: LOCAL_STORAGE,
          filename_disk: written.name,
          filesize: written.size,
        });
      }
      const { body, replaced } = await this.items.mutate(
        context,
        FILES,
        raw,
        async (session, readBack, db) => {
          const { rows } = await db.query<{ filename_disk: string | null }>(
            'SELECT filename_disk FROM directus_files WHERE id = $1 AND storage = $2',
            [key, LOCAL_STORAGE],
          );
          // A missing key is a 403 here even for an admin: there is no row whose bytes could be replaced.
          await session.update([key], metadata, { managed });
          return { body: await readBack.found(key), replaced: rows[0]?.filename_disk ?? null };
        },
      );
      if (replacement && replaced && replaced !== replacement.name)
        await this.removeBytes(driver, [replaced]);
      return body;
    } catch (error) {
      if (replacement) await this.removeBytes(driver, [replacement.name]);
      throw error;
    }
  }

  async deleteOne(context: SystemContext, rawKey: unknown): Promise<void> {
    await this.items.authorize(context, FILES, 'delete');
    const key = requireKey(FILES, rawKey);
    await this.deleteRows(context, async () => [key]);
  }

  /** `DELETE /files`: an array of keys, `{keys}` or `{query}`. */
  async deleteMany(context: SystemContext, body: unknown): Promise<void> {
    await this.items.authorize(context, FILES, 'delete');
    await this.deleteRows(context, this.items.keySelector(context, FILES, parseDeleteBody(body)));
  }

  private async store(driver: StorageDriver, part: UploadFile, metadata: Row): Promise<StoredUpload> {
    const id = randomUUID();
    const { name, size, filename } = await this.writeBytes(driver, id, part);
    const managed: Row = {
      id,
      storage: LOCAL_STORAGE,
      filename_disk: name,
      filesize: size,
      uploaded_on: new Date().toISOString(),
    };
    // Directus's default title; a fact of the upload, not something the caller asked to write.
    if (metadata.title === undefined) managed.title = titleFromFilename(filename);
    const payload: Row = { ...metadata, filename_download: filename, type: part.mimetype };
    return { diskName: name, payload, managed };
  }

  /** Streams a part's bytes to a disk name made from `nameId`. */
  private async writeBytes(
    driver: StorageDriver,
    nameId: string,
    part: UploadFile,
  ): Promise<{ name: string; size: number; filename: string }> {
    const filename = part.filename || 'file';
    const name = diskName(nameId, filename);
    const { size } = await driver.write(name, limitedContent(part));
    return { name, size, filename };
  }

  private async deleteRows(
    context: SystemContext,
    keysOf: (db: ClientBase) => Promise<PrimaryKey[]>,
  ): Promise<void> {
    const names = await this.items.mutate(context, FILES, {}, async (session, _readBack, db) => {
      const keys = await keysOf(db);
      if (keys.length === 0) return [];
      const { rows } = await db.query<{ filename_disk: string | null }>(
        'SELECT filename_disk FROM directus_files WHERE id = ANY($1::uuid[]) AND storage = $2',
        [keys, LOCAL_STORAGE],
      );
      await session.delete(keys);
      return rows.map((row) => row.filename_disk).filter((name): name is string => name !== null);
    });
    // Committed: the rows are gone for good, so their bytes may go too.
    await this.removeBytes(this.storage.forProject(context.tenant.key), names);
  }

  /** Best effort: a leftover object costs disk space, never correctness, so its failure is only logged. */
  private async removeBytes(driver: StorageDriver, names: readonly string[]): Promise<void> {
    for (const name of names) {
      try {
        await driver.delete(name);
      } catch (error) {
        this.logger.warn({ err: error, file: name }, 'could not remove stored bytes');
      }
    }
  }
}
