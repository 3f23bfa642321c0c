import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { compileRead, parseQuery, type CompiledQuery, type Query } from '@atrium/query';
import type { Pool, PoolClient } from 'pg';
import { Readable } from 'node:stream';
import type { ItemsContext, RawQuery } from '../items-context';
import { ItemsReader } from '../read/items-reader';
import { pageBatches, type PageWindow } from './batch-pager';
import { exportFilename, exportFormat, type ExportWriter } from './export-format';

/** Rows per statement: big enough to keep round trips few, small enough to bound memory. */
export const EXPORT_BATCH_SIZE = 1000;

/** A download: headers to send and the body, produced batch by batch as the client reads it. */
export interface ExportFile {
  filename: string;
  contentType: string;
  stream: Readable;
}

interface TextBatch {
  count: number;
  text: string;
}

/** The sort with the primary key as last tie-breaker, so offset batches never skip or repeat a row. */
function stableSort(sort: string[] | null, primary: string): string[] | null {
  if (sort === null) return null; // the compiler's default order is the primary key
  return sort.some((key) => key.replace(/^-/, '') === primary) ? sort : [...sort, primary];
}

/**
 * `?export=json|csv|yaml` on list reads: the request's filter, search, sort and fields, compiled batch by
 * batch (limit/offset inside one REPEATABLE READ snapshot, so batches are consistent) and written to the
 * response as each batch is read. Without a `limit` the whole collection is exported.
 */
@Injectable()
export class ItemsExporter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: ItemsReader,
  ) {}

  async export(context: ItemsContext, name: string, raw: RawQuery, now = new Date()): Promise<ExportFile> {
    const format = exportFormat(raw.export);
    const { overview, collection } = await this.reader.target(context, name);
    const parsed = parseQuery(raw);
    const query: Query = { ...parsed, sort: stableSort(parsed.sort, collection.primary as string), meta: [] };
    const limit = query.limit ?? -1;
    const window: PageWindow = {
      offset: query.offset ?? (query.page !== null && limit > 0 ? limit * (query.page - 1) : 0),
      limit,
      batchSize: EXPORT_BATCH_SIZE,
    };
    const queryContext = this.reader.queryContext(context);
    // Batches are sized here, so the configured max page size does not apply to them.
    const limits = { ...this.config.queryLimit, max: -1 };
    const compile = (offset: number, size: number) =>
      compileRead(
        overview,
        'admin', // reader.target() let only admins through
        collection.collection,
        { ...query, limit: size, offset, page: null },
        { context: queryContext, limits },
      );
    // Compiled once up front: a bad query is a normal 400/403 answer, before any byte of the file is sent.
    compile(window.offset, 1);
    const pool = await context.tenant.pool();
    return {
      filename: exportFilename(collection.collection, format.extension, now),
      contentType: format.contentType,
      stream: Readable.from(this.chunks(pool, format.writer(), window, compile), { highWaterMark: 1 }),
    };
  }

  private async *chunks(
    pool: Pool,
    writer: ExportWriter,
    window: PageWindow,
    compile: (offset: number, size: number) => CompiledQuery,
  ): AsyncGenerator<string> {
    const client = await pool.connect();
    let committed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let first = true;
      for await (const batch of pageBatches(window, (offset, size) =>
        this.fetch(client, compile(offset, size)),
      )) {
        yield writer.batch(() => JSON.parse(batch.text) as Record<string, unknown>[], batch.text, first);
        first = false;
      }
      const tail = writer.end(first);
      if (tail) yield tail;
      await client.query('COMMIT');
      committed = true;
    } finally {
      // A client that went away mid-download leaves the snapshot open: drop that connection instead.
      client.release(!committed);
    }
  }

  private async fetch(client: PoolClient, compiled: CompiledQuery): Promise<TextBatch> {
    const { rows } = await client.query<{ text: string; count: number }>({
      text: `SELECT (q.result->'data')::text AS text, json_array_length(q.result->'data') AS count
               FROM (${compiled.text}) q`,
      values: compiled.values,
    });
    return rows[0];
  }
}
