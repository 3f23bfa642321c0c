import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLimit } from './compute-limit';

describe('computeLimit', () => {
  const cases: Array<
    [string, Parameters<typeof computeLimit>, { limit: number; offset: number } | 'throws']
  > = [
    [
      'default',
      [
        { limit: null, offset: null, page: null },
        { default: 100, max: -1 },
      ],
      { limit: 100, offset: 0 },
    ],
    [
      'default capped',
      [
        { limit: null, offset: null, page: null },
        { default: 100, max: 50 },
      ],
      { limit: 50, offset: 0 },
    ],
    [
      '-1 unlimited',
      [
        { limit: -1, offset: null, page: null },
        { default: 100, max: -1 },
      ],
      { limit: -1, offset: 0 },
    ],
    [
      '-1 with max',
      [
        { limit: -1, offset: null, page: null },
        { default: 100, max: 500 },
      ],
      { limit: 500, offset: 0 },
    ],
    [
      'over max',
      [
        { limit: 501, offset: null, page: null },
        { default: 100, max: 500 },
      ],
      'throws',
    ],
    [
      'page',
      [
        { limit: 10, offset: 3, page: 3 },
        { default: 100, max: -1 },
      ],
      { limit: 10, offset: 20 },
    ],
    [
      'page ignored for -1',
      [
        { limit: -1, offset: 3, page: 3 },
        { default: 100, max: -1 },
      ],
      { limit: -1, offset: 3 },
    ],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      if (expected === 'throws') assert.throws(() => computeLimit(...args), { code: 'INVALID_QUERY' });
      else assert.deepEqual(computeLimit(...args), expected);
    });
  }
});
