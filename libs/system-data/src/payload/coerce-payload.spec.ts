import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE, SAMPLE_UUID } from '../testing/sample-collection.fixture';
import { coercePayload } from './coerce-payload';

describe('coercePayload', () => {
  const accepted: Array<[string, unknown, 'create' | 'update', Record<string, unknown>]> = [
    ['a minimal create', { name: 'a' }, 'create', { name: 'a' }],
    [
      'a client-chosen uuid key on create',
      { id: SAMPLE_UUID.toUpperCase(), name: 'a' },
      'create',
      {
        id: SAMPLE_UUID,
        name: 'a',
      },
    ],
    ['the key is dropped on update', { id: SAMPLE_UUID, count: 1 }, 'update', { count: 1 }],
    ['read-only fields are dropped', { seen_at: '2026-01-01', count: 1 }, 'update', { count: 1 }],
    ['integers from text', { count: '42' }, 'update', { count: 42 }],
    ['booleans from text', { enabled: 'false' }, 'update', { enabled: false }],
    ['numbers into strings', { name: 5 }, 'update', { name: '5' }],
    ['CSV from a string', { tags: 'a,b' }, 'update', { tags: ['a', 'b'] }],
    ['CSV from an array', { tags: ['a', ' b'] }, 'update', { tags: ['a', 'b'] }],
    ['any JSON', { options: [1, { a: 2 }] }, 'update', { options: [1, { a: 2 }] }],
    ['null where allowed', { owner: null, options: null }, 'update', { owner: null, options: null }],
    ['an allowed enum value', { status: 'off' }, 'update', { status: 'off' }],
    ['undefined values are skipped', { name: undefined, count: 1 }, 'update', { count: 1 }],
  ];
  for (const [name, payload, action, expected] of accepted) {
    it(`accepts ${name}`, () => assert.deepEqual(coercePayload(SAMPLE, payload, action), expected));
  }

  const refused: Array<[string, unknown, 'create' | 'update', string, string?]> = [
    ['an array', [{ name: 'a' }], 'create', 'INVALID_PAYLOAD'],
    ['null', null, 'update', 'INVALID_PAYLOAD'],
    ['an unknown field', { name: 'a', nope: 1 }, 'create', 'INVALID_PAYLOAD'],
    ['a missing required field', { count: 1 }, 'create', 'FAILED_VALIDATION', 'name'],
    ['null for a required field', { name: null }, 'update', 'FAILED_VALIDATION', 'name'],
    ['null for a not-null field', { status: null }, 'update', 'FAILED_VALIDATION', 'status'],
    ['a value outside the enum', { status: 'maybe' }, 'update', 'FAILED_VALIDATION', 'status'],
    ['a non-integer', { count: '1.5' }, 'update', 'INVALID_PAYLOAD', 'count'],
    ['a non-boolean', { enabled: 'yes' }, 'update', 'INVALID_PAYLOAD', 'enabled'],
    ['a non-UUID reference', { owner: "1' OR '1'='1" }, 'update', 'INVALID_PAYLOAD', 'owner'],
    ['an object for a string', { name: { a: 1 } }, 'update', 'INVALID_PAYLOAD', 'name'],
    ['CSV items with commas', { tags: ['a,b'] }, 'update', 'INVALID_PAYLOAD', 'tags'],
  ];
  for (const [name, payload, action, code, field] of refused) {
    it(`refuses ${name} (${code})`, () => {
      assert.throws(
        () => coercePayload(SAMPLE, payload, action),
        (error: { code: string; extensions: Record<string, unknown> }) => {
          assert.equal(error.code, code);
          if (field) assert.equal(error.extensions.field, field);
          return true;
        },
      );
    });
  }

  it('runs field checks', () => {
    const definition = {
      ...SAMPLE,
      fields: SAMPLE.fields.map((field) =>
        field.name === 'count'
          ? { ...field, check: (v: unknown) => ((v as number) < 1 ? 'Too small.' : undefined) }
          : field,
      ),
    };
    assert.throws(() => coercePayload(definition, { count: 0 }, 'update'), {
      code: 'FAILED_VALIDATION',
      // Directus's FAILED_VALIDATION extensions carry the path to a nested item (empty at the top).
      extensions: { field: 'count', type: 'custom', path: [] },
    });
  });
});
