import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { csvCell, csvRecord, importRows } from './import-rows';

async function collect(type: string, text: string, filename = '') {
  const rows = [];
  for await (const row of importRows(type, Readable.from([Buffer.from(text)]), filename)) rows.push(row);
  return rows;
}

describe('import rows', () => {
  it('reads CSV cells as Directus does', () => {
    assert.equal(csvCell(''), undefined);
    assert.equal(csvCell('007'), '007');
    assert.equal(csvCell('1.5'), '1.5');
    assert.equal(csvCell('true'), true);
    assert.equal(csvCell('null'), null);
    assert.deepEqual(csvCell('["a",1]'), ['a', 1]);
    assert.deepEqual(csvCell('{"a":1}'), { a: 1 });
    assert.equal(csvCell('plain words'), 'plain words');
    assert.equal(csvCell('"quoted"'), 'quoted');
  });

  it('nests dotted headers and leaves empty cells out', () => {
    assert.deepEqual(csvRecord(['title', 'author.name', 'author.age', 'note'], ['T', 'Ann', '', '']), {
      title: 'T',
      author: { name: 'Ann' },
    });
  });

  it('numbers rows from 1, for JSON arrays and CSV data rows', async () => {
    assert.deepEqual(await collect('application/json', '[{"a":1},{"a":2}]'), [
      { row: 1, value: { a: 1 } },
      { row: 2, value: { a: 2 } },
    ]);
    assert.deepEqual(await collect('text/csv; charset=utf-8', '\ufeffa , b\n1,x\n\n2,y\n'), [
      { row: 1, value: { a: '1', b: 'x' } },
      { row: 2, value: { a: '2', b: 'y' } },
    ]);
    assert.deepEqual(await collect('application/octet-stream', 'a\n1\n', 'data.CSV'), [
      { row: 1, value: { a: '1' } },
    ]);
  });

  it('refuses other types, malformed files and records that are not objects', async () => {
    assert.throws(() => importRows('text/plain', Readable.from([])), { code: 'UNSUPPORTED_MEDIA_TYPE' });
    await assert.rejects(collect('application/json', '[{"a":'), /not valid JSON/);
    await assert.rejects(collect('application/json', '{"a":1}'), /not valid JSON/);
    await assert.rejects(
      collect('application/json', '[{"a":1}, 2]'),
      /Row 2: every item has to be an object/,
    );
    await assert.rejects(collect('text/csv', 'a,b\n1,2,3\n'), /not valid CSV/);
    await assert.rejects(collect('text/csv', 'a,,b\n1,2,3\n'), /empty column name/);
  });
});
