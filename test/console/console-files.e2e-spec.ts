import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';

/** `/admin/` serves the built console (npm run build runs before the tests). */
describe('console files at /admin', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
  });
  after(() => t.close());

  it('redirects /admin to /admin/ and serves the page with a strict content security policy', async () => {
    const bare = await t.request('GET', '/admin');
    assert.ok([301, 302].includes(bare.status), `status ${bare.status}`);
    assert.equal(bare.headers.location, '/admin/');

    const page = await t.request('GET', '/admin/');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.match(page.text, /<div id="app">/);
    assert.match(page.text, /src="\/admin\/assets\/[^"]+\.js"/);
  });

  it('serves the hashed bundles as immutable, and nothing outside the console', async () => {
    const page = await t.request('GET', '/admin/');
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(page.text)![1];
    const bundle = await t.request('GET', script);
    assert.equal(bundle.status, 200);
    assert.match(String(bundle.headers['content-type']), /javascript/);
    assert.equal(bundle.headers['cache-control'], 'public, max-age=31536000, immutable');

    for (const url of ['/admin/assets/missing.js', '/admin/../package.json', '/admin/%2e%2e/package.json']) {
      const missing = await t.request('GET', url);
      assert.equal(missing.status, 404, url);
      assert.doesNotMatch(missing.text, /"name": "atrium"/, url);
    }
  });
});
