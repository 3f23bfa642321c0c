import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { csvField } from './csv-text';
import { exportFilename, exportFormat } from './export-format';
import { readXml, xmlValue } from './testing/xml-reader';

const rows = [
  { id: 1, name: 'a, "b"', extra: { x: [1] }, none: null },
  { id: 2, name: 'line\nbreak', extra: null, none: null },
];

function write(format: string, batches: Record<string, unknown>[][]): string {
  const writer = exportFormat(format).writer();
  let out = '';
  batches.forEach((batch, i) => {
    out += writer.batch(() => batch, JSON.stringify(batch), i === 0);
  });
  return out + writer.end(batches.length === 0);
}

describe('export formats', () => {
  it('refuses unknown formats with INVALID_QUERY', () => {
    for (const value of ['XML', 'csv-utf8', 'pdf', 'toString', '', undefined, ['json']]) {
      assert.throws(
        () => exportFormat(value),
        (error: { code?: string }) => error.code === 'INVALID_QUERY',
      );
    }
  });

  it('JSON: batches join into one array; no batch is []', () => {
    assert.deepEqual(JSON.parse(write('json', [rows.slice(0, 1), rows.slice(1)])), rows);
    assert.deepEqual(JSON.parse(write('json', [])), []);
  });

  it('CSV: header once, RFC 4180 quoting, nested values as JSON text, CRLF', () => {
    assert.equal(
      write('csv', [rows.slice(0, 1), rows.slice(1)]),
      'id,name,extra,none\r\n1,"a, ""b""","{""x"":[1]}",\r\n2,"line\nbreak",,\r\n',
    );
    assert.equal(csvField(true), 'true');
  });

  it('CSV UTF-8: the same CSV behind one byte order mark; an empty export is the mark alone', () => {
    const batches = [rows.slice(0, 1), rows.slice(1)];
    assert.equal(write('csv_utf8', batches), `\uFEFF${write('csv', batches)}`);
    assert.equal(write('csv_utf8', []), '\uFEFF');
    assert.equal(exportFormat('csv_utf8').extension, 'csv');
    assert.match(exportFormat('csv_utf8').contentType, /^text\/csv; charset=utf-8$/);
  });

  it('XML: batches join into one well-formed document; no batch is an empty root', () => {
    const root = readXml(write('xml', [rows.slice(0, 1), rows.slice(1)]));
    assert.deepEqual(root.children.map(xmlValue), [
      { id: '1', name: 'a, "b"', extra: { x: '1' }, none: '' },
      { id: '2', name: 'line\nbreak', extra: '', none: '' },
    ]);
    assert.deepEqual(readXml(write('xml', [])).children, []);
    assert.equal(exportFormat('xml').extension, 'xml');
    assert.match(exportFormat('xml').contentType, /^text\/xml/);
  });

  it('YAML: batches join into one sequence', () => {
    assert.deepEqual(parse(write('yaml', [rows.slice(0, 1), rows.slice(1)])), rows);
    assert.deepEqual(parse(write('yaml', [])), []);
  });

  it('names the file "<collection> <stamp>.<ext>"', () => {
    assert.equal(
      exportFilename('books', 'csv', new Date(Date.UTC(2026, 0, 2, 3, 4, 5))),
      'books 20260102-030405.csv',
    );
  });
});
