import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openConsoleBrowser, SKIP_WITHOUT_CHROMIUM, type ConsoleBrowser } from './browser-harness';
import { projectWithAdmin } from '../system-data/system-data-fixture';
import { TestApp } from '../support/test-app';

/** The per-project API reference renders the caller's own document in Chromium, with no page errors. */
describe('API reference pages in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let t: TestApp;
  let harness: ConsoleBrowser;
  let base: string;
  let token: string;

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'refdocs');
    const created = await t.request('POST', '/refdocs/collections', {
      token,
      body: {
        collection: 'recipes',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'name', type: 'string', schema: {} },
        ],
      },
    });
    assert.equal(created.status, 200, created.text);
    base = `http://127.0.0.1:${await t.port()}`;
    harness = await openConsoleBrowser();
  });
  after(async () => {
    await harness?.browser.close();
    await t?.close();
  });

  it("shows the project's collections to its admin, and only the public view without a token", async () => {
    const { page, step } = harness;
    await step('the admin opens the reference', async () => {
      await page.goto(`${base}/refdocs/server/specs/docs?access_token=${token}`);
      await page.getByText('Atrium project "refdocs"').first().waitFor();
      await page.locator('.opblock-summary-path', { hasText: '/items/recipes' }).first().waitFor();
    });
    await step('anonymous, no collection is listed', async () => {
      await page.goto(`${base}/refdocs/server/specs/docs`);
      await page.locator('.opblock-summary-path', { hasText: '/server/ping' }).first().waitFor();
      assert.equal(await page.locator('.opblock-summary-path', { hasText: '/items/recipes' }).count(), 0);
    });
    await step('the platform reference', async () => {
      await page.goto(`${base}/server/specs/docs`);
      await page.locator('.opblock-summary-path', { hasText: '/server/projects' }).first().waitFor();
    });
    assert.deepEqual(harness.errors, [], 'no console errors');
  });
});
