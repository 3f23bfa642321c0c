import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openConsoleBrowser, SKIP_WITHOUT_CHROMIUM, type ConsoleBrowser } from './browser-harness';
import { adminCaller, idField, type Caller } from '../items/items-fixture';
import { TestApp } from '../support/test-app';

const PROJECT = 'console2';
/** The page's sessionStorage, as the test's Node types know nothing of the DOM. */
interface Storage {
  clear(): void;
}
const READER = { email: 'reader@console2.test', password: 'reader-password-1' };

/**
 * The project view in real headless Chromium: the project's admin creates an item through the form, finds
 * it with the filter builder, edits and deletes it; a read-only role sees no edit controls and cannot write.
 */
describe('console: project view in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let t: TestApp;
  let ok: Caller;
  let harness: ConsoleBrowser;
  let step: ConsoleBrowser['step'];
  let page: Page;
  let base: string;

  before(async () => {
    t = await TestApp.start();
    await t.createProject(PROJECT);
    ({ ok } = await adminCaller(t, PROJECT));
    await ok('POST', '/collections', {
      collection: 'notes',
      fields: [
        idField,
        { field: 'title', type: 'string', schema: {} },
        { field: 'views', type: 'integer', schema: {} },
      ],
    });
    await ok('POST', '/items/notes', [
      { title: 'Other A', views: 1 },
      { title: 'Other B', views: 2 },
    ]);
    const role = (await ok('POST', '/roles', { name: 'Reader' })).body.data.id;
    const policy = (await ok('POST', '/policies', { name: 'Read notes', app_access: true })).body.data.id;
    await ok('POST', '/access', { role, policy });
    await ok('POST', '/permissions', { policy, collection: 'notes', action: 'read', fields: ['*'] });
    await ok('POST', '/users', { ...READER, role });

    base = `http://127.0.0.1:${await t.port()}`;
    harness = await openConsoleBrowser();
    ({ page, step } = harness);
  });
  after(async () => {
    await harness?.browser.close();
    await t?.close();
  });

  async function signIn(email: string, password: string) {
    await page.goto(`${base}/admin/`);
    // A fresh tab: whoever signed in before is forgotten (the console keeps who it is in sessionStorage).
    await page.evaluate(() => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.clear());
    await page.reload();
    await page.getByLabel('Project', { exact: true }).fill(PROJECT);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in to project' }).click();
    await page.getByRole('heading', { name: 'Collections' }).waitFor();
  }

  const rows = () => page.locator('table.items tbody tr[data-item]');
  const notes = async () => (await ok('GET', '/items/notes?sort=id')).body.data as Array<{ title: string }>;

  it('lets the admin create, find, edit and delete an item through the forms', async () => {
    await step('admin signs in', () => signIn(`admin@${PROJECT}.test`, 'password-123'));
    await step('create an item', async () => {
      await page.getByRole('link', { name: 'notes' }).click();
      await page.getByRole('link', { name: 'New item' }).click();
      await page.getByLabel('title').fill('Browser note');
      await page.getByLabel('views').fill('7');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'notes' }).waitFor();
      await rows().filter({ hasText: 'Browser note' }).waitFor();
      assert.deepEqual(
        (await notes()).map((n) => n.title),
        ['Other A', 'Other B', 'Browser note'],
      );
    });
    await step('find it with the filter builder', async () => {
      await page.getByRole('button', { name: 'Add condition' }).click();
      await page.getByLabel('Field', { exact: true }).selectOption('title');
      await page.getByLabel('Operator').selectOption('_contains');
      await page.getByLabel('Value').fill('Browser');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('Page 1 of 1 · 1 items').waitFor();
      assert.equal(await rows().count(), 1);
    });
    await step('edit it', async () => {
      await rows().first().getByRole('link').click();
      await page.getByLabel('title').fill('Browser note, edited');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'notes' }).waitFor();
      await rows().filter({ hasText: 'Browser note, edited' }).waitFor();
    });
    await step('delete it', async () => {
      await rows().filter({ hasText: 'Browser note, edited' }).getByRole('link').click();
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('heading', { name: 'notes' }).waitFor();
      await rows().filter({ hasText: 'Other A' }).waitFor();
      assert.deepEqual(
        (await notes()).map((n) => n.title),
        ['Other A', 'Other B'],
      );
    });
    await step('sign out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in to project' }).waitFor();
    });
    assert.deepEqual(harness.errors, [], 'no console errors');
  });

  it('shows a read-only role no edit controls, and its session cannot write', async () => {
    await step('reader signs in', () => signIn(READER.email, READER.password));
    await step('reader sees no edit controls', async () => {
      await page.getByRole('link', { name: 'notes' }).click();
      await rows().filter({ hasText: 'Other A' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'New item' }).count(), 0);
      await rows().filter({ hasText: 'Other A' }).getByRole('link').click();
      await page.getByText('Your role may not edit these items.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
      assert.equal(await page.getByLabel('title').isDisabled(), true);
    });
    await step('its session cannot write', async () => {
      const status = await page.evaluate(async (project) => {
        const response = await fetch(`/${project}/items/notes/1`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Hacked' }),
        });
        return response.status;
      }, PROJECT);
      assert.equal(status, 403);
      assert.equal((await notes())[0].title, 'Other A');
    });
    assert.deepEqual(harness.errors, [], 'no console errors');
  });
});
