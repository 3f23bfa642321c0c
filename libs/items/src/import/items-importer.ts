import { Injectable } from '@nestjs/common';
import { AtriumException, forbidden, invalidPayload, translateDatabaseError } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import { quoteIdent } from '@atrium/tenancy';
import type { Readable } from 'node:stream';
import { isSingleton } from '../read/collection-guard';
import { ItemsReader } from '../read/items-reader';
import type { ItemWriteSession, Key } from '../write/item-write-session';
import { ItemsWriter } from '../write/items-writer';
import { plausibleKey } from '../write/plausible-key';
import { importRows, type ImportRow } from './import-rows';

/** The error of one row, saying which: the engine's code and details stay, the row is added. */
function atRow(failure: unknown, row: number): unknown {
  // PostgreSQL's refusals (a duplicate, a foreign key) are named here, where the row is known.
  const error = failure instanceof AtriumException ? failure : translateDatabaseError(failure);
  if (!error || error.code === 'SERVICE_UNAVAILABLE') return failure;
  return new AtriumException(
    error.code,
    `Row ${row}: ${error.message}`,
    { ...error.extensions, row },
    error.headers,
  );
}

/**
 * `POST /utils/import/:collection`: a JSON or CSV file's records written in ONE transaction as upserts (a
 * record whose primary key exists updates that item, any other creates one), through the same engine and
 * permission checks as `POST`/`PATCH /items`. The first failing record stops the import, nothing is kept,
 * and the error names its row. System collections are for admins only, as in Directus.
 */
@Injectable()
export class ItemsImporter {
  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
  ) {}

  async import(
    context: RequestContext,
    name: string,
    file: { mimetype: string; filename: string; stream: Readable },
  ): Promise<number> {
    const system = name.startsWith('directus_');
    if (system && !context.accountability.admin) throw forbidden();
    const collection = this.reader.target(context, name, 'create', system ? 'system' : 'user');
    const rows = importRows(file.mimetype, file.stream, file.filename);
    return this.writer.mutate(context, collection, {}, async ({ session }) => {
      let count = 0;
      for await (const record of rows) {
        if (isSingleton(collection) && record.row > 1) {
          throw invalidPayload(`Cannot import more than one record into the singleton "${name}".`);
        }
        try {
          await this.upsert(session, collection, record);
        } catch (error) {
          throw atRow(error, record.row);
        }
        count++;
      }
      return count;
    });
  }

  private async upsert(session: ItemWriteSession, collection: CollectionOverview, { value }: ImportRow) {
    if (isSingleton(collection)) {
      const existing = await session.singletonKey(collection);
      if (existing === null) await session.create(collection, value);
      else await session.update(collection, existing, value);
      return;
    }
    const key = value[collection.primary as string];
    if (plausibleKey(collection, key) && (await this.exists(session, collection, key))) {
      await session.update(collection, key, value);
    } else {
      await session.create(collection, value);
    }
  }

  private async exists(
    session: ItemWriteSession,
    collection: CollectionOverview,
    key: Key,
  ): Promise<boolean> {
    const pk = quoteIdent(collection.primary as string);
    const { rowCount } = await session.db.query(
      `SELECT 1 FROM ${quoteIdent(collection.schema?.name as string)} WHERE ${pk} = $1 FOR UPDATE`,
      [key],
    );
    return (rowCount ?? 0) > 0;
  }
}
