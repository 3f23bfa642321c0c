import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openConsoleBrowser, SKIP_WITHOUT_CHROMIUM, type ConsoleBrowser } from './browser-harness';
import { SUPER_ADMIN_TOKEN, TestApp } from '../support/test-app';

/**
 * The platform view in real headless Chromium: sign in with the super-admin token, create a project through
 * the form (and see the API's message for a bad one), suspend it, open the health dashboard.
 */
describe('console: platform view in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let t: TestApp;
  let harness: ConsoleBrowser;
  let step: ConsoleBrowser['step'];
  let page: Page;
  let base: string;

  before(async () => {
    t = await TestApp.start();
    // A project in use, so the health dashboard has a pool to show.
    await t.createProject('pooled', { quota: { type: 'HARD', size: 1_000_000_000 } });
    await t.admin('GET', '/pooled/server/health');
    base = `http://127.0.0.1:${await t.port()}`;
    harness = await openConsoleBrowser();
    ({ page, step } = harness);
  });
  after(async () => {
    await harness?.browser.close();
    await t?.close();
  });

  /** No WCAG 2.1 A/AA violation axe-core can find on the view shown now. */
  const accessible = async (view: string) =>
    assert.deepEqual(await harness.audit(), [], `${view}: axe violations`);
  /** The page fits a 1280 px laptop screen: nothing but a table's own scroller overflows sideways. */
  const fitsWidth = async () =>
    assert.equal(
      await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth <= root.clientWidth;
      }),
      true,
      'no horizontal scroll at 1280 px',
    );

  it('signs in, creates and suspends a project, and shows the health of every component', async () => {
    await step('sign in', async () => {
      await page.goto(`${base}/admin/`);
      await page.getByLabel('Super-admin token').waitFor();
      await accessible('sign-in');
      await page.getByLabel('Super-admin token').fill('not-the-token');
      await page.getByRole('button', { name: 'Sign in to the platform' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByLabel('Super-admin token').fill(SUPER_ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in to the platform' }).click();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
    });

    await step('a bad project shows the API message', async () => {
      await page.getByLabel('Key').fill('Bad Key!');
      await page.getByLabel('Admin email').fill('admin@console.io');
      await page.getByLabel('Admin password').fill('console-password-1');
      await page.getByRole('button', { name: 'Create project' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /project/i);
    });

    await step('create a project', async () => {
      await page.getByLabel('Key').fill('console1');
      await page.getByLabel('Name').fill('Console One');
      await page.getByRole('button', { name: 'Create project' }).click();
      await page.locator('tr[data-project="console1"]').waitFor();
      assert.equal(await page.getByRole('alert').count(), 0);
      await accessible('projects');
      await fitsWidth();
      await page.locator('tr[data-project="pooled"] [role="meter"]').waitFor();
      const table = page.locator('.table-wrap:has(table.projects)');
      assert.equal(
        await table.evaluate((wrap) => {
          const box = wrap as unknown as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth <= box.clientWidth;
        }),
        true,
        'every column of the projects table, actions included, shows at 1280 px',
      );
    });

    await step('suspend it', async () => {
      const row = page.locator('tr[data-project="console1"]');
      await row.getByRole('button', { name: 'Suspend console1' }).click();
      await row.getByText('suspended', { exact: true }).waitFor();
      const registry = await t.admin('GET', '/server/projects/console1');
      assert.equal((registry.body as { data: { status: string } }).data.status, 'suspended');
      await row.getByRole('button', { name: 'Resume console1' }).waitFor();
    });

    await step("open the project's page", async () => {
      await page.getByRole('link', { name: 'console1', exact: true }).click();
      await page.getByRole('heading', { name: 'Console One' }).waitFor();
      await page.getByText('Sampled every 10 s while this page is open.').waitFor();
      await accessible('project page');
      await page.getByRole('link', { name: '← Projects' }).click();
      await page.locator('tr[data-project="console1"]').waitFor();
    });

    await step('resume it, then delete it only once its key is typed', async () => {
      const row = page.locator('tr[data-project="console1"]');
      await row.getByRole('button', { name: 'Resume console1' }).click();
      await row.getByText('active', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'Delete console1' }).click();
      const confirm = page.getByRole('button', { name: 'Delete project' });
      assert.equal(await confirm.isDisabled(), true);
      await page.getByLabel('Type the key, console1, to confirm').fill('console');
      assert.equal(await confirm.isDisabled(), true);
      await page.getByLabel('Type the key, console1, to confirm').fill('console1');
      await confirm.click();
      await row.waitFor({ state: 'detached' });
      assert.equal((await t.admin('GET', '/server/projects/console1')).status, 404);
    });

    await step('open the health dashboard', async () => {
      await page.getByRole('link', { name: 'Health' }).click();
      await page.getByRole('heading', { name: 'Health' }).waitFor();
      await page.locator('[data-check="pg:responseTime"]').waitFor();
      assert.ok((await page.locator('.health-card').count()) >= 2);
    });

    await step("the dashboard shows each project's pool and the queue's depth", async () => {
      const pool = page.locator('table.pools tr[data-row="pooled"]');
      await pool.waitFor();
      assert.equal(await pool.getByText('open', { exact: true }).count(), 1);
      assert.match(
        (await page.locator('#pools-title + .limits').textContent()) ?? '',
        /\d+ of \d+ pools open/,
      );
      // One panel per queue (assets, backups).
      const waiting = page.locator('[aria-labelledby="queue-assets-title"] [data-queue-state="waiting"] dd');
      await waiting.waitFor();
      assert.match(
        (await waiting.textContent()) ?? '',
        /^\d{1,3}(,\d{3})*$/,
        'a count, grouped in thousands',
      );
      await accessible('health');
      await fitsWidth();
    });

    assert.deepEqual(harness.errors, [], 'no console errors');
  });
});
