import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSchemaInvalidation, encodeSchemaInvalidation } from './schema-invalidation';

describe('schema invalidation messages', () => {
  it('round-trips', () => {
    const message = { project: 'blog:main/atrium_blog:1700000000000', version: 4 };
    assert.deepEqual(decodeSchemaInvalidation(encodeSchemaInvalidation(message)), message);
    assert.deepEqual(decodeSchemaInvalidation(encodeSchemaInvalidation({ project: 'p', version: null })), {
      project: 'p',
      version: null,
    });
  });

  const rejected: Array<[string, string]> = [
    ['not JSON', 'blog'],
    ['a bare string', '"blog"'],
    ['null', 'null'],
    ['no project', '{"version":1}'],
    ['an empty project', '{"project":"","version":1}'],
    ['a string version', '{"project":"p","version":"2"}'],
    ['a fractional version', '{"project":"p","version":1.5}'],
    ['a negative version', '{"project":"p","version":-1}'],
  ];
  for (const [label, message] of rejected) {
    it(`ignores ${label}`, () => assert.equal(decodeSchemaInvalidation(message), null));
  }
});
