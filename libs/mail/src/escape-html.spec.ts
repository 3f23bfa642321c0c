import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  const cases: Array<[string, string]> = [
    ['plain text', 'plain text'],
    ['"><script>alert(1)</script>', '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ["a'b`c", 'a&#39;b&#96;c'],
    ['https://x.test/?a=1&b=2', 'https://x.test/?a=1&amp;b=2'],
    ['&amp;', '&amp;amp;'],
  ];
  for (const [input, expected] of cases) {
    it(`escapes ${JSON.stringify(input)}`, () => assert.equal(escapeHtml(input), expected));
  }
});
