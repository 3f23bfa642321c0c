import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { compileRead, parseQuery, type CompiledQuery, type Query } from '@atrium/query';
import type { RequestContext } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import type { Pool, PoolClient } from 'pg';
import { Readable } from 'node:stream';
import type { RawQuery } from '../raw-query';
import type { CollectionScope } from '../read/collection-guard';
import { ItemsReader } from '../read/items-reader';
import { pageBatches, type BatchRequest, type PageWindow } from './batch-pager';
import { batchStatement, type BatchKey, type BatchRow } from './batch-statement';
import { exportFilename, exportFormat, type ExportFormat, type ExportWriter } from './export-format';
import { afterKeyFilter, keysetPlan } from './keyset-plan';
import { searchBodyQuery, searchExport } from '../read/search-body';

/** Rows per statement: big enough to keep round trips few, small enough to bound memory. */
export const EXPORT_BATCH_SIZE = 1000;

/** A download: headers to send and the body, produced batch by batch as the client reads it. */
export interface ExportFile {
  filename: string;
  contentType: string;
  stream: Readable;
}

/** The sort with the primary key as last tie-breaker, so offset batches never skip or repeat a row. */
function stableSort(sort: string[] | null, primary: string): string[] | null {
  if (sort === null) return null; // the compiler's default order ends with the primary key
  return sort.some((key) => key.replace(/^-/, '') === primary) ? sort : [...sort, primary];
}

/**
 * The rows an export covers. Unlike a list read, no `limit` means everything (the configured default page
 * size does not apply); `page` (1-based) wins over `offset` when there is a limit, as in list reads.
 */
function exportWindow(query: Query, keyset: boolean): PageWindow {
  const limit = query.limit ?? -1;
  const offset = query.page !== null && limit >= 0 ? limit * (query.page - 1) : (query.offset ?? 0);
  return { offset, limit, batchSize: EXPORT_BATCH_SIZE, keyset };
}

/**
 * `?export=json|csv|csv_utf8|xml|yaml` on list reads (and `SEARCH` with `export` in its query): the request's
 * filter, search, sort and fields, compiled batch by batch inside one REPEATABLE READ snapshot (so batches
 * are consistent) and written to the response as each batch is read. Ordered by the primary key alone, a
 * batch starts after the previous batch's last key (keyset paging, O(n) overall); under another sort it
 * uses limit/offset. Without a `limit` the whole collection is exported.
 */
@Injectable()
export class ItemsExporter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: ItemsReader,
  ) {}

  /** `GET /items/:collection?export=…` (and the system collections' list routes). */
  async export(
    context: RequestContext,
    name: string,
    raw: RawQuery,
    scope: CollectionScope = 'user',
  ): Promise<ExportFile> {
    const format = exportFormat(raw.export);
    const collection = this.reader.target(context, name, 'read', scope);
    return this.file(context, collection, format, parseQuery(raw));
  }

  /** Whether a `SEARCH` body asks for a file (`{"query": {"export": …}}`) rather than a JSON list. */
  isExportSearch(body: unknown): boolean {
    return searchExport(body) !== undefined;
  }

  /** `SEARCH /items/:collection` with `{"query": {"export": …, …}, "keys"?: […]}`. */
  async exportSearch(
    context: RequestContext,
    name: string,
    body: unknown,
    scope: CollectionScope = 'user',
  ): Promise<ExportFile> {
    const format = exportFormat(searchExport(body));
    const collection = this.reader.target(context, name, 'read', scope);
    const query = searchBodyQuery(body, collection.primary as string);
    return this.file(context, collection, format, query);
  }

  private async file(
    context: RequestContext,
    collection: CollectionOverview,
    format: ExportFormat,
    parsed: Query,
  ): Promise<ExportFile> {
    const primary = collection.primary as string;
    const query: Query = { ...parsed, sort: stableSort(parsed.sort, primary), meta: [] };
    const access = this.reader.readAccess(context);
    const plan = keysetPlan(collection, query, access);
    const window = exportWindow(query, plan !== null);
    const key: BatchKey | null = plan && { field: plan.key, drop: plan.dropKey };
    const pool = await context.tenant.pool();
    const queryContext = await this.reader.queryContextFor(pool, context, query);
    // Batches are sized here, so the configured max page size does not apply to them.
    const limits = { ...this.config.queryLimit, max: -1 };
    const compile = (request: BatchRequest): CompiledQuery =>
      batchStatement(
        compileRead(
          context.schema,
          access,
          collection.collection,
          {
            ...query,
            fields: plan ? plan.fields : query.fields,
            filter:
              plan && request.after !== null
                ? afterKeyFilter(plan, request.after, query.filter)
                : query.filter,
            limit: request.limit,
            offset: request.offset,
            page: null,
          },
          { context: queryContext, limits },
        ),
        key,
      );
    // Compiled once up front: a bad query is a normal 400/403 answer, before any byte of the file is sent.
    compile({ offset: window.offset, limit: 1, after: null });
    return {
      filename: exportFilename(collection.collection, format.extension, context.now),
      contentType: format.contentType,
      stream: Readable.from(this.chunks(pool, format.writer(), window, compile), { highWaterMark: 1 }),
    };
  }

  private async *chunks(
    pool: Pool,
    writer: ExportWriter,
    window: PageWindow,
    compile: (request: BatchRequest) => CompiledQuery,
  ): AsyncGenerator<string> {
    const client = await pool.connect();
    let committed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let first = true;
      for await (const batch of pageBatches(window, (request) => this.fetch(client, compile(request)))) {
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

  private async fetch(client: PoolClient, statement: CompiledQuery): Promise<BatchRow> {
    const { rows } = await client.query<BatchRow>(statement);
    return rows[0];
  }
}
