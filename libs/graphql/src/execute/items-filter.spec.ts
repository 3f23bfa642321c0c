import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toItemsFilter } from './items-filter';

describe('toItemsFilter', () => {
  it('turns <field>_func into function calls and <field>__<collection> into m2a scopes', () => {
    assert.deepEqual(
      toItemsFilter({
        _and: [
          { published_at_func: { year: { _eq: 2024 }, month: { _gte: 3 } } },
          { item__headings: { text: { _contains: 'a' } } },
          { comments: { _some: { score: { _gt: 1 } } } },
        ],
      }),
      {
        _and: [
          { 'year(published_at)': { _eq: 2024 }, 'month(published_at)': { _gte: 3 } },
          { 'item:headings': { text: { _contains: 'a' } } },
          { comments: { _some: { score: { _gt: 1 } } } },
        ],
      },
    );
  });

  it('leaves a field that only ends in _func alone when its value is not a function filter', () => {
    assert.deepEqual(toItemsFilter({ my_func: { _eq: 'x' } }), { my_func: { _eq: 'x' } });
  });
});
