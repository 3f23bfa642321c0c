import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCorsOrigin, parseCorsOrigins } from './cors-origins';

describe('parseCorsOrigin', () => {
  it('takes exact origins, with or without a port', () => {
    assert.equal(parseCorsOrigin('https://app.example.com'), 'https://app.example.com');
    assert.equal(parseCorsOrigin('http://localhost:5173'), 'http://localhost:5173');
    assert.equal(parseCorsOrigin('*'), '*');
  });

  it('takes /patterns/ with flags', () => {
    const pattern = parseCorsOrigin('/^https:\\/\\/[a-z]+\\.example\\.com$/i');
    assert.ok(pattern instanceof RegExp);
    assert.ok(pattern.test('https://SHOP.example.com'));
    assert.ok(!pattern.test('https://example.org'));
  });

  it('refuses what a browser never sends as an origin', () => {
    for (const entry of ['https://app.example.com/', 'https://a.com/path', 'app.example.com', 'ftp:', '']) {
      const parsed = parseCorsOrigin(entry);
      assert.ok(typeof parsed === 'object' && 'problem' in parsed, entry);
    }
  });

  it('refuses a pattern that does not compile', () => {
    const parsed = parseCorsOrigin('/(/');
    assert.ok(typeof parsed === 'object' && 'problem' in parsed);
  });

  it('parses a list and names every bad entry', () => {
    const { origins, problems } = parseCorsOrigins(['https://a.com', 'nope', '/b/', 'https://c.com/x']);
    assert.equal(origins.length, 2);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /nope/);
  });
});
