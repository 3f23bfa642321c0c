import { invalidQuery } from '@atrium/core';
import { stringify } from 'yaml';
import { csvHeader, csvRow } from './csv-text';
import { xmlDocumentEnd, xmlDocumentStart, xmlEmptyDocument, xmlItem } from './xml-text';

export type ExportFormatName = 'json' | 'csv' | 'csv_utf8' | 'xml' | 'yaml';

type Row = Record<string, unknown>;

/**
 * One file format: how each batch of rows turns into text, and what goes around them. Writers keep only
 * what the next batch needs (CSV's header), never the rows already written.
 */
export interface ExportWriter {
  /** Text for one non-empty batch; `rowsText` is the batch as a JSON array text, `rows` its parsed form. */
  batch(rows: () => Row[], rowsText: string, first: boolean): string;
  /** Text after the last batch (`empty`: there was none). */
  end(empty: boolean): string;
}

export interface ExportFormat {
  extension: string;
  contentType: string;
  writer(): ExportWriter;
}

/** `[a, b]` → `a, b`: PostgreSQL's JSON array text without its brackets, so JSON batches are never parsed. */
function arrayBody(text: string): string {
  return text.trim().slice(1, -1);
}

const UTF8_BOM = '\uFEFF';

/** CSV after `prefix` (written once, even when there are no rows). */
function csvWriter(prefix: string): ExportWriter {
  let columns: string[] = [];
  return {
    batch: (rows, _text, first) => {
      const list = rows();
      // Every row of a read has the same keys (the compiled fields), so the first one names the columns.
      if (first) columns = Object.keys(list[0]);
      return (first ? prefix + csvHeader(columns) : '') + list.map((row) => csvRow(columns, row)).join('');
    },
    end: (empty) => (empty ? prefix : ''),
  };
}

const FORMATS: Record<ExportFormatName, ExportFormat> = {
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    writer: () => ({
      batch: (_rows, text, first) => `${first ? '[' : ','}${arrayBody(text)}`,
      end: (empty) => (empty ? '[]' : ']'),
    }),
  },
  csv: {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    writer: () => csvWriter(''),
  },
  // The same CSV behind a byte order mark: Excel reads a file without one in the system's legacy code page.
  csv_utf8: {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    writer: () => csvWriter(UTF8_BOM),
  },
  xml: {
    extension: 'xml',
    contentType: 'text/xml; charset=utf-8',
    writer: () => ({
      batch: (rows, _text, first) => (first ? xmlDocumentStart() : '') + rows().map(xmlItem).join(''),
      end: (empty) => (empty ? xmlEmptyDocument() : xmlDocumentEnd()),
    }),
  },
  yaml: {
    extension: 'yaml',
    contentType: 'text/yaml; charset=utf-8',
    writer: () => ({
      // A block sequence per batch: concatenated, they form one sequence.
      batch: (rows) => stringify(rows()),
      end: (empty) => (empty ? '[]\n' : ''),
    }),
  },
};

/** The `export` query parameter → its format, or 400 INVALID_QUERY. */
export function exportFormat(value: unknown): ExportFormat {
  if (typeof value === 'string' && Object.hasOwn(FORMATS, value)) return FORMATS[value as ExportFormatName];
  throw invalidQuery(`"export" has to be one of ${Object.keys(FORMATS).join(', ')}.`);
}

/** `<collection> <YYYYMMDD-HHmmss>.<ext>`, as Directus names its export downloads (UTC here). */
export function exportFilename(collection: string, extension: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${collection} ${stamp}.${extension}`;
}
