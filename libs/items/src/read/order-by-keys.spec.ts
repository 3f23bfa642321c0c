import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderByKeys, type JsonRow } from './order-by-keys';

describe('orderByKeys', () => {
  const rows: JsonRow[] = [
    { id: 1, name: 'a' },
    { id: 2, name: 'b' },
    { id: 3, name: 'c' },
  ];
  const cases: Array<[string, unknown[], boolean, JsonRow[]]> = [
    ['follows the keys', [3, 1, 2], false, [rows[2], rows[0], rows[1]]],
    ['skips keys without a row', [4, 2], false, [rows[1]]],
    ['lists a repeated key once', [2, 2, 1], false, [rows[1], rows[0]]],
    ['matches keys given as text', ['3', '1'], false, [rows[2], rows[0]]],
    ['drops the key it added', [2, 1], true, [{ name: 'b' }, { name: 'a' }]],
    ['answers nothing for no keys', [], false, []],
  ];
  for (const [name, keys, dropKey, expected] of cases) {
    it(name, () => assert.deepEqual(orderByKeys(rows, 'id', keys, dropKey), expected));
  }

  it('leaves the rows it was given untouched', () => {
    orderByKeys(rows, 'id', [1], true);
    assert.deepEqual(rows[0], { id: 1, name: 'a' });
  });
});
