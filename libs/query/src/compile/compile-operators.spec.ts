import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperandShape, SqlTerms } from '../operators/operator-record';
import { OPERATOR_TABLE } from '../operators/operator-table';
import { assertPlaceholdersMatch, boundValues, compileRaw } from '../testing/compile.helpers';

/** An operand of each shape that `title` (a string column) accepts. */
const OPERANDS: Record<OperandShape, unknown> = {
  scalar: 'x',
  text: 'x',
  list: ['a', 'b'],
  pair: ['a', 'b'],
  flag: true,
  rules: { color: { _eq: 'red' } },
  geometry: { type: 'Point', coordinates: [0, 0] },
  pattern: '.*',
};

/** The compiled sides of `title` on the root row, binding as `$?` (see sqlPattern). */
const TITLE: SqlTerms = {
  value: 't0."title"',
  text: 't0."title"',
  empty: `(t0."title" IS NULL OR t0."title" = '')`,
  bind: () => '$?',
  bindList: () => '$?',
  bindText: () => '$?::text',
};

const where = (expr: string) => `FROM "articles" AS t0 WHERE ${expr} ORDER BY t0."id" ASC`;
const compileOn = (field: string, op: string, operand: unknown) =>
  compileRaw({ fields: 'id', filter: JSON.stringify({ [field]: { [op]: operand } }) });

// Every record, read by the parser, the resolver and the compiler: the SQL of a request's filter is the
// record's builder, so no operator can be known to one and missing from another.
describe('compileFilter: every operator of the table', () => {
  for (const [op, record] of Object.entries(OPERATOR_TABLE)) {
    const operand = OPERANDS[record.operand];
    const { sql } = record;
    it(`${op} (${sql.kind})`, () => {
      switch (sql.kind) {
        case 'compiled': {
          const compiled = compileOn('title', op, operand);
          boundValues(compiled, where(sql.build(TITLE, operand)));
          assertPlaceholdersMatch(compiled);
          // Inside `_json` too, on the value at a path.
          const inJson = compileOn('data', '_json', { a: { [op]: operand } });
          assert.match(inJson.text, /#>> \$\d+::text\[\]/);
          return;
        }
        case 'nested':
          assert.match(compileOn('data', op, operand).text, /"data" #>> \$\d+::text\[\]/);
          return;
        case 'refused':
          assert.throws(() => compileOn('title', op, operand), {
            code: 'INVALID_QUERY',
            message: `Invalid query. "${op}" on "title": ${sql.reason}.`,
          });
          return;
        case 'unparsed':
          assert.throws(() => compileOn('title', op, operand), {
            code: 'INVALID_QUERY',
            message: `Invalid query. Unknown filter operator "${op}".`,
          });
      }
    });
  }
});
