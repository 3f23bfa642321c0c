import { AtriumException, invalidPayload, isPlainObject } from '@atrium/core';
import { parse as parseCsv } from 'csv-parse';
import type { Readable } from 'node:stream';
import StreamArray from 'stream-json/streamers/StreamArray';

/** One record of an import file, numbered from 1 as the file's author counts them (CSV: data rows). */
export interface ImportRow {
  row: number;
  value: Record<string, unknown>;
}

const CSV_TYPES = new Set(['text/csv', 'application/vnd.ms-excel']);

/**
 * The records of an uploaded file, read as they arrive (never the whole file in memory): a JSON array of
 * objects, or CSV with a header row. Other types are refused (415), as Directus does.
 */
export function importRows(mimetype: string, stream: Readable, filename = ''): AsyncGenerator<ImportRow> {
  let type = mimetype.split(';')[0].trim().toLowerCase();
  // A client that sent no type of its own: the file's extension says which it is.
  if (type === 'application/octet-stream' || type === '') {
    type = /\.json$/i.test(filename) ? 'application/json' : /\.csv$/i.test(filename) ? 'text/csv' : type;
  }
  if (type === 'application/json') return jsonRows(stream);
  if (CSV_TYPES.has(type)) return csvRows(stream);
  throw new AtriumException(
    'UNSUPPORTED_MEDIA_TYPE',
    `Unsupported media type "${type}" in file import: send application/json or text/csv.`,
    { mediaType: type, where: 'file import' },
  );
}

async function* jsonRows(stream: Readable): AsyncGenerator<ImportRow> {
  const records = stream.pipe(StreamArray.withParser());
  stream.on('error', (error) => records.destroy(error));
  try {
    for await (const { key, value } of records as AsyncIterable<{ key: number; value: unknown }>) {
      if (!isPlainObject(value)) throw invalidPayload(`Row ${key + 1}: every item has to be an object.`);
      yield { row: key + 1, value };
    }
  } catch (error) {
    throw unreadable(error, 'JSON');
  } finally {
    records.destroy();
  }
}

/**
 * A CSV cell as Directus reads it: empty → not set; JSON literals, objects and arrays parsed; numbers kept
 * as their text (so "007" stays "007" and the field's type decides); anything else is text.
 */
export function csvCell(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'number' ? text : parsed;
  } catch {
    return text;
  }
}

/** `a.b` headers build nested objects (a related item's fields), as the export writes them. */
export function csvRecord(headers: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  headers.forEach((header, n) => {
    const value = csvCell(cells[n] ?? '');
    if (value === undefined) return;
    const path = header.split('.');
    let target = record;
    for (const step of path.slice(0, -1)) {
      if (!isPlainObject(target[step])) target[step] = {};
      target = target[step] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = value;
  });
  return record;
}

async function* csvRows(stream: Readable): AsyncGenerator<ImportRow> {
  const parser = stream.pipe(parseCsv({ bom: true, relax_column_count: false, skip_empty_lines: true }));
  stream.on('error', (error) => parser.destroy(error));
  let headers: string[] | null = null;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (headers === null) {
        headers = cells.map((header) => header.trim());
        if (headers.some((header) => header === ''))
          throw invalidPayload('The CSV header has an empty column name.');
        continue;
      }
      row++;
      yield { row, value: csvRecord(headers, cells) };
    }
  } catch (error) {
    throw unreadable(error, 'CSV');
  } finally {
    parser.destroy();
  }
}

/** A parser's failure as the client's: 400 with the parser's reason (413 stays when the upload was cut). */
function unreadable(error: unknown, format: string): AtriumException {
  if (error instanceof AtriumException) return error;
  // The multipart parser cut the file at the upload size limit.
  if ((error as { statusCode?: unknown } | null)?.statusCode === 413) {
    return new AtriumException('CONTENT_TOO_LARGE', 'Uploaded content is too large.');
  }
  const reason = error instanceof Error ? error.message : String(error);
  return invalidPayload(`The file is not valid ${format}: ${reason}`);
}
