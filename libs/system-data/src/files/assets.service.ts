import { Injectable } from '@nestjs/common';
import { forbidden } from '@atrium/core';
import { FileStorage, type ByteRange } from '@atrium/files';
import { ItemsReader } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

const FILES = 'directus_files';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is served for one file: its facts for the headers and a way to read its bytes. */
export interface Asset {
  type: string;
  filenameDownload: string;
  size: number;
  modified: Date;
  /** Changes whenever the bytes or their row change (a replaced file gets a new disk name). */
  etag: string;
  read(range?: ByteRange): Readable;
}

interface FileFacts {
  storage: string;
  filename_disk: string | null;
  filename_download: string;
  type: string | null;
  modified_on: Date;
}

/**
 * The file behind `/assets/:id`. Access is Directus's: the caller must be able to read the file's row
 * (their `directus_files` read rule, its row filter included); anything else — a malformed id, a missing
 * row, a row without stored bytes — is the same 403, so existence never leaks. Where the bytes lie is read
 * by the server, not through the caller's field permissions: `filename_disk` need not be readable to them.
 */
@Injectable()
export class AssetsService {
  constructor(
    private readonly reader: ItemsReader,
    private readonly storage: FileStorage,
  ) {}

  async open(context: RequestContext, id: string): Promise<Asset> {
    if (!UUID.test(id)) throw forbidden();
    await this.reader.readOne(context, FILES, id, { fields: 'id' }, 'system');
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<FileFacts>(
      'SELECT storage, filename_disk, filename_download, type, modified_on FROM directus_files WHERE id = $1',
      [id],
    );
    const file = rows[0];
    if (!file?.filename_disk) throw forbidden();
    const driver = this.storage.forProject(context.tenant.key);
    const stored = await driver.stat(file.filename_disk);
    if (!stored) throw forbidden();
    const diskName = file.filename_disk;
    return {
      type: file.type ?? 'application/octet-stream',
      filenameDownload: file.filename_download,
      size: stored.size,
      modified: file.modified_on,
      etag: etagOf(id, diskName, stored.size, file.modified_on),
      read: (range) => driver.read(diskName, range),
    };
  }
}

function etagOf(id: string, diskName: string, size: number, modified: Date): string {
  const digest = createHash('sha256').update(`${id}\0${diskName}\0${size}\0${modified.getTime()}`);
  return `"${digest.digest('base64url').slice(0, 27)}"`;
}
