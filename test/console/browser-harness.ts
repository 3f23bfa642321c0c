import { mkdirSync, readFileSync } from 'node:fs';
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
  /** axe-core's WCAG 2.1 A/AA rules on the page as it is now: each violation as "rule: element, …". */
  audit(): Promise<string[]>;
}

// Evaluated through the DevTools protocol, not added as a <script>: the console's CSP allows no inline script.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown[] }>;
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
  const audit = async () => {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations;
    });
    return (violations as AxeViolation[]).map(
      (v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  };
  return { browser, page, errors, step, audit };
}
