import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { quoteIdent } from '@atrium/tenancy';

/** What COPY wrote: rows (one line each in the text format, newlines inside values are escaped) and a checksum. */
export interface CopySummary {
  rows: number;
  sha256: string;
}

function summarising(summary: { hash: ReturnType<typeof createHash>; rows: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      summary.hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) summary.rows++;
      done(null, chunk);
    },
  });
}

function copyStatement(table: string, columns: readonly string[], direction: 'TO STDOUT' | 'FROM STDIN') {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) ${direction}`;
}

/** Streams a table's rows (COPY text format) into `file`, counting and hashing them on the way. */
export async function copyTableToFile(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  file: string,
): Promise<CopySummary> {
  const summary = { hash: createHash('sha256'), rows: 0 };
  await pipeline(
    client.query(copyTo(copyStatement(table, columns, 'TO STDOUT'))),
    summarising(summary),
    createWriteStream(file),
  );
  return { rows: summary.rows, sha256: summary.hash.digest('hex') };
}

/** The same count and checksum of a table as it is now, to verify a restore. */
export async function summariseTable(
  client: ClientBase,
  table: string,
  columns: readonly string[],
): Promise<CopySummary> {
  const summary = { hash: createHash('sha256'), rows: 0 };
  const sink = new Transform({ transform: (_chunk, _encoding, done) => done() });
  sink.resume();
  await pipeline(
    client.query(copyTo(copyStatement(table, columns, 'TO STDOUT'))),
    summarising(summary),
    sink,
  );
  return { rows: summary.rows, sha256: summary.hash.digest('hex') };
}

/** Loads a table's rows from a file written by `copyTableToFile`. */
export async function copyFileToTable(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  file: string,
): Promise<void> {
  await pipeline(createReadStream(file), client.query(copyFrom(copyStatement(table, columns, 'FROM STDIN'))));
}
