import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'graphql';
import { checkDocumentLimits } from './document-limits';

const limits = { maxDepth: 3, maxFields: 5 };

describe('checkDocumentLimits', () => {
  it('passes a document within both limits', () => {
    assert.equal(checkDocumentLimits(parse('{ a { b { c } } }'), limits), null);
  });

  it('refuses nesting deeper than the limit, through fragments too', () => {
    assert.match(
      checkDocumentLimits(parse('{ a { b { c { d } } } }'), limits)?.message ?? '',
      /nested deeper/,
    );
    const viaFragment = parse('{ a { ...F } } fragment F on T { b { c { d } } }');
    assert.match(checkDocumentLimits(viaFragment, limits)?.message ?? '', /nested deeper/);
  });

  it('counts a fragment every time it is spread', () => {
    const document = parse('{ x: a { ...F } y: a { ...F } } fragment F on T { b c }');
    assert.match(checkDocumentLimits(document, limits)?.message ?? '', /more than the limit of 5 fields/);
  });

  it('ignores introspection and survives fragment cycles', () => {
    assert.equal(
      checkDocumentLimits(parse('{ __schema { types { fields { type { ofType { name } } } } } }'), limits),
      null,
    );
    assert.equal(checkDocumentLimits(parse('{ a { ...F } } fragment F on T { ...F }'), limits), null);
  });

  it('leaves spreads of undefined fragments, even named like Object members, to validation', () => {
    for (const name of ['Missing', 'constructor', 'toString', '__proto__']) {
      assert.equal(checkDocumentLimits(parse(`{ a { ...${name} } }`), limits), null, name);
    }
  });
});
