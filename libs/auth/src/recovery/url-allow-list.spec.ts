import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUrlAllowed } from './url-allow-list';

describe('isUrlAllowed', () => {
  const allow = ['https://app.example/reset', 'http://localhost:3000/admin/reset-password'];
  const cases: Array<[string, boolean]> = [
    ['https://app.example/reset', true],
    ['https://app.example/reset?next=%22%3E%3Cscript%3E', true],
    ['https://app.example/reset#x', true],
    ['https://APP.example/reset', true],
    ['http://localhost:3000/admin/reset-password', true],
    ['http://app.example/reset', false],
    ['https://app.example:8443/reset', false],
    ['https://app.example/reset/', false],
    ['https://app.example/reset/../evil', false],
    ['https://evil.example/reset', false],
    ['https://app.example.evil.example/reset', false],
    ['https://user:pw@app.example/reset', false],
    ['javascript:alert(1)//app.example/reset', false],
    ['//app.example/reset', false],
    ['not a url', false],
    ['', false],
  ];
  for (const [url, expected] of cases) {
    it(`${expected ? 'allows' : 'refuses'} ${JSON.stringify(url)}`, () => {
      assert.equal(isUrlAllowed(url, allow), expected);
    });
  }

  it('refuses everything with an empty list', () => {
    assert.equal(isUrlAllowed('https://app.example/reset', []), false);
  });

  it('ignores malformed list entries', () => {
    assert.equal(isUrlAllowed('https://app.example/reset', ['::', 'https://app.example/reset']), true);
  });
});
