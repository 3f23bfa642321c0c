import assert from 'node:assert/strict';

/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CRLF records) to check what an export wrote: the
 * records, header first. It throws when the text does not end with a complete record.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && char === '"') quoted = false;
    else if (quoted) field += char;
    else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += char;
  }
  assert.equal(field + record.join(''), '', 'the file ends with a complete record');
  return records;
}

/** A value as a CSV export writes it: empty for null, JSON text for objects and arrays. */
export function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A value as the XML export writes it, read back through `xmlValue`: every scalar as text, null and empty
 * arrays or objects as an empty element, an array as its repeated entries (one entry reads as that entry).
 */
export function xmlExpected(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    return value.length === 1 ? xmlExpected(value[0]) : value.map(xmlExpected);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '' : Object.fromEntries(entries.map(([key, v]) => [key, xmlExpected(v)]));
  }
  return String(value);
}
