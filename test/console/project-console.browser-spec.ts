import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
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
    await ok('POST', '/collections', {
      collection: 'people',
      meta: { display_template: '{{name}}' },
      fields: [idField, { field: 'name', type: 'string', schema: {} }],
    });
    await ok('POST', '/items/people', [{ name: 'Ada' }, { name: 'Grace' }]);
    await ok('POST', '/collections', {
      collection: 'tasks',
      fields: [
        idField,
        { field: 'title', type: 'string', schema: {} },
        { field: 'owner', type: 'integer', meta: { special: ['m2o'] }, schema: {} },
      ],
    });
    await ok('POST', '/relations', { collection: 'tasks', field: 'owner', related_collection: 'people' });
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
  /** No WCAG 2.1 A/AA violation axe-core can find on the view shown now. */
  const accessible = async (view: string) =>
    assert.deepEqual(await harness.audit(), [], `${view}: axe violations`);
  const notes = async () => (await ok('GET', '/items/notes?sort=id')).body.data as Array<{ title: string }>;

  it('lets the admin create, find, edit and delete an item through the forms', async () => {
    await step('admin signs in', () => signIn(`admin@${PROJECT}.test`, 'password-123'));
    await step('create an item', async () => {
      await accessible('collections');
      await page.getByRole('link', { name: 'notes' }).click();
      await page.getByRole('link', { name: 'New item' }).click();
      await page.getByLabel('title').waitFor();
      await accessible('new item form');
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
      await accessible('items grid with a condition');
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

  it('picks a related item, shows files with thumbnails, and lists users and roles', async () => {
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5b3cc4' } })
      .png()
      .toBuffer();
    await step('admin signs in', () => signIn(`admin@${PROJECT}.test`, 'password-123'));
    await step('pick the related item of a many-to-one field', async () => {
      await page.getByRole('link', { name: 'tasks' }).click();
      await page.getByRole('link', { name: 'New item' }).click();
      await page.getByLabel('title').fill('Write the docs');
      const owner = page.getByLabel('owner');
      await owner.locator('option', { hasText: 'Grace' }).waitFor({ state: 'attached' });
      await page.getByLabel('Search people').fill('Ad');
      await owner.locator('option', { hasText: 'Grace' }).waitFor({ state: 'detached' });
      await page.getByLabel('Search people').fill('');
      await owner.locator('option', { hasText: 'Grace' }).waitFor({ state: 'attached' });
      await owner.selectOption({ label: 'Grace (2)' });
      await accessible('form with a relation picker');
      await page.getByRole('button', { name: 'Save' }).click();
      await rows().filter({ hasText: 'Write the docs' }).waitFor();
      const tasks = (await ok('GET', '/items/tasks?fields=title,owner.name')).body.data;
      assert.deepEqual(tasks, [{ title: 'Write the docs', owner: { name: 'Grace' } }]);
    });
    await step('upload files and see their thumbnails', async () => {
      await page.getByRole('link', { name: 'Files' }).click();
      await page.getByRole('heading', { name: 'Files' }).waitFor();
      await page.getByText('No files.').waitFor();
      await page.getByLabel('Files to upload').setInputFiles([
        { name: 'photo.png', mimeType: 'image/png', buffer: png },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') },
      ]);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const photo = page.locator('.file-tile', { hasText: 'photo' }).locator('img');
      await photo.waitFor();
      await page.waitForFunction(
        (image) =>
          (image as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (image as unknown as { naturalWidth: number }).naturalWidth > 0,
        await photo.elementHandle(),
      );
      // The `system-medium-cover` preset: 300 × 300, whatever the original's size.
      assert.equal(
        await photo.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
        300,
      );
      await page
        .locator('.file-tile', { hasText: 'notes' })
        .locator('.file-kind', { hasText: 'TXT' })
        .waitFor();

      await accessible('files');
    });
    await step('delete a file', async () => {
      await page.getByRole('button', { name: 'Delete notes.txt' }).click();
      await page.locator('.file-tile', { hasText: 'notes' }).waitFor({ state: 'detached' });
      const files = (await ok('GET', '/files?fields=filename_download')).body.data;
      assert.deepEqual(files, [{ filename_download: 'photo.png' }]);
    });
    await step('list users and roles', async () => {
      await page.getByRole('link', { name: 'Users' }).click();
      const reader = page.locator('table.users tbody tr', { hasText: READER.email });
      await reader.waitFor();
      assert.match((await reader.textContent()) ?? '', /Reader/);
      assert.equal(await page.locator('table.users tbody tr').count(), 2);
      await accessible('users');
      await page.getByRole('link', { name: 'Roles' }).click();
      const role = page.locator('table.roles tbody tr', { hasText: 'Reader' });
      await role.waitFor();
      assert.match((await role.textContent()) ?? '', /Read notes/);
      assert.equal(await role.locator('td.num').textContent(), '1');
      await accessible('roles');
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
    await step('reader sees only what its role may read of users, roles and files', async () => {
      assert.equal(await page.getByRole('link', { name: 'Files' }).count(), 0);
      await page.getByRole('link', { name: 'Users' }).click();
      await page.locator('table.users tbody tr', { hasText: READER.email }).waitFor();
      assert.equal(await page.locator('table.users tbody tr').count(), 1);
      await page.getByRole('link', { name: 'Roles' }).click();
      await page.locator('table.roles tbody tr', { hasText: 'Reader' }).waitFor();
      assert.equal(await page.locator('table.roles tbody tr').count(), 1);
      assert.equal(await page.getByRole('alert').count(), 0);
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
