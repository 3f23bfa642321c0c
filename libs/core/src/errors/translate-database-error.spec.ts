import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnFromDetail, translateDatabaseError, valueFromDetail } from './translate-database-error';

function pgError(fields: Record<string, string>): Error {
  return Object.assign(new Error('raw postgres text'), fields);
}

describe('translateDatabaseError', () => {
  it('maps a unique violation to RECORD_NOT_UNIQUE with collection, field and value (Directus)', () => {
    const error = translateDatabaseError(
      pgError({ code: '23505', table: 'articles', detail: 'Key (slug)=(x) already exists.' }),
    );
    assert.equal(error?.code, 'RECORD_NOT_UNIQUE');
    assert.deepEqual(error?.extensions, { collection: 'articles', field: 'slug', value: 'x' });
    assert.equal(error?.message, 'Value "x" for field "slug" in collection "articles" has to be unique.');
  });

  it('words a unique violation without the parts the detail lacks', () => {
    const error = translateDatabaseError(pgError({ code: '23505', table: 'articles' }));
    assert.deepEqual(error?.extensions, { collection: 'articles', field: null, value: null });
    assert.equal(error?.message, 'Value in collection "articles" has to be unique.');
  });

  it('reads the value out of simple, expression and composite keys', () => {
    assert.equal(valueFromDetail('Key (email)=(a@b.c) already exists.'), 'a@b.c');
    assert.equal(valueFromDetail('Key (lower(email::text))=(A (b)) already exists.'), 'A (b)');
    assert.equal(valueFromDetail('Key (a, b)=(1, 2) already exists.'), '1, 2');
    assert.equal(valueFromDetail('Key (x)=(1) is not present in table "t".'), null);
    assert.equal(valueFromDetail(undefined), null);
  });

  it('maps a character the database cannot store (22021, a NUL byte) to INVALID_PAYLOAD', () => {
    const error = translateDatabaseError(
      pgError({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }),
    );
    assert.equal(error?.code, 'INVALID_PAYLOAD');
    assert.equal(error?.status, 400);
    assert.equal(typeof error?.extensions.reason, 'string');
  });

  it('reads the column out of expression and quoted keys', () => {
    assert.equal(columnFromDetail('Key (lower((email)::text))=(a@b.c) already exists.'), 'email');
    assert.equal(columnFromDetail('Key (lower(email::text))=(a@b.c) already exists.'), 'email');
    assert.equal(columnFromDetail('Key ("Title")=(x) already exists.'), 'Title');
    assert.equal(columnFromDetail('Key (a, b)=(1, 2) already exists.'), 'a');
    assert.equal(columnFromDetail(undefined), null);
  });

  const cases: Array<[string, string, number]> = [
    ['23502', 'NOT_NULL_VIOLATION', 400],
    ['23503', 'INVALID_FOREIGN_KEY', 400],
    ['22001', 'VALUE_TOO_LONG', 400],
    ['22003', 'VALUE_OUT_OF_RANGE', 400],
    ['22P02', 'INVALID_PAYLOAD', 400],
    ['22021', 'INVALID_PAYLOAD', 400],
    ['57014', 'SERVICE_UNAVAILABLE', 503],
    ['57P01', 'SERVICE_UNAVAILABLE', 503],
    ['08006', 'SERVICE_UNAVAILABLE', 503],
    ['3D000', 'SERVICE_UNAVAILABLE', 503],
  ];
  for (const [code, expected, status] of cases) {
    it(`maps SQLSTATE ${code} to ${expected}`, () => {
      const error = translateDatabaseError(pgError({ code, table: 't', column: 'c' }));
      assert.equal(error?.code, expected);
      assert.equal(error?.status, status);
      assert.doesNotMatch(error?.message ?? '', /raw postgres text/);
    });
  }

  it('maps refused connections to SERVICE_UNAVAILABLE', () => {
    const error = translateDatabaseError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    assert.equal(error?.code, 'SERVICE_UNAVAILABLE');
  });

  it('leaves unknown errors to the generic 500', () => {
    assert.equal(translateDatabaseError(pgError({ code: '42601' })), null);
    assert.equal(translateDatabaseError(new Error('boom')), null);
  });
});
