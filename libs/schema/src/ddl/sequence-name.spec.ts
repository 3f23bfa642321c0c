import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sequenceOfDefault } from './sequence-name';

describe('sequenceOfDefault', () => {
  const cases: [unknown, string[] | null][] = [
    ["nextval('articles_id_seq'::regclass)", ['articles_id_seq']],
    ["nextval('public.articles_id_seq'::regclass)", ['public', 'articles_id_seq']],
    [`nextval('"My ""T"""."a.b_seq"'::regclass)`, ['My "T"', 'a.b_seq']],
    [`nextval('"it''s_seq"'::regclass)`, ["it's_seq"]],
    ["NEXTVAL('x_seq')", ['x_seq']],
    ['now()', null],
    [null, null],
    [5, null],
    ["nextval('a.b.c'::regclass)", null],
    ["nextval('a b'::regclass)", null],
    [`nextval('"unterminated'::regclass)`, null],
    ["nextval('x'); drop table y; --'::regclass)", null],
  ];
  for (const [value, parts] of cases) {
    it(`${JSON.stringify(value)} → ${JSON.stringify(parts)}`, () =>
      assert.deepEqual(sequenceOfDefault(value), parts));
  }
});
