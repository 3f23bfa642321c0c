import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium the test run found or installed (scripts/ensure-chromium.js); empty: browser specs skip. */
export const CHROMIUM = process.env.ATRIUM_TEST_CHROMIUM ?? '';
export const SKIP_WITHOUT_CHROMIUM = CHROMIUM ? false : "no Chromium (see the test run's first lines)";

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/console');

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** Script errors and console errors of the page, other than Chromium's log line for each 4xx answer. */
  errors: string[];
  /** Runs a step; on failure keeps a screenshot of the page under test-results/console/. */
  step(name: string, run: () => Promise<void>): Promise<void>;
}

export async function openConsoleBrowser(): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Deliberate refusals in the tests (a bad sign-in, a refused write) are 4xx answers, not page errors.
    if (/^Failed to load resource: .* status of 4\d\d/.test(message.text())) return;
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `${name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(`${name} failed (screenshot: ${file}): ${(error as Error).message}`, { cause: error });
    }
  };
  return { browser, page, errors, step };
}
