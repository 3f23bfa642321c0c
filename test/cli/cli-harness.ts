import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '@atrium/core';
import { withDatabase } from '@atrium/tenancy';
import { dropDatabases } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'apps', 'cli', 'src', 'main.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  /** The random part of this file's database names (`c<id>_<project>` for tenants). */
  id: string;
  dataDir: string;
  baseEnv: Record<string, string>;
  /** The configuration the CLI runs with (set once the suite started). */
  config(): AppConfig;
  cli(args: string[], env?: Record<string, string>): Promise<CliRun>;
  /** Skips the test (and answers false) when PostgreSQL is not there. */
  ready(context: TestContext): boolean;
}

/** Exit 1, one line on stderr matching `pattern`, no stack trace. */
export function assertOneLineError(run: CliRun, pattern: RegExp): void {
  assert.equal(run.code, 1, `exit code (stderr: ${run.stderr})`);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
}

/**
 * A platform of its own for the describe block this is called in (database, data directory, tokens), torn
 * down after it, and the real CLI entry point run against it in a child process.
 */
export function useCliHarness(label: string): CliHarness {
  const id = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(path.join(tmpdir(), `atrium-${label}-`));
  const baseEnv: Record<string, string> = {
    DATABASE_URL: withDatabase(TEST_DATABASE_URL, `atrium_test_${label}_${id}`),
    TENANT_DB_PREFIX: `c${id}_`,
    SECRET: `${label}-secret-${id}-0123456789abcdef0123456789`,
    SUPER_ADMIN_TOKEN: `${label}-token-${id}-0123456789abcdef0123456789`,
    DATA_DIR: dataDir,
  };
  let config: AppConfig | undefined;
  let unavailable: string | null = null;

  before(async () => {
    config = loadConfig({ ...baseEnv, NODE_ENV: 'test' });
    const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
    } catch (error) {
      unavailable = `needs PostgreSQL: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  after(async () => {
    if (!unavailable && config) await dropDatabases(config);
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    id,
    dataDir,
    baseEnv,
    config: () => {
      if (!config) throw new Error('the CLI harness has not started yet');
      return config;
    },
    /**
     * Runs `main.ts` through swc-node like `node --require @swc-node/register apps/cli/src/main.ts …`, from
     * the data directory (so no developer `.env` leaks in) with only the variables given: no Redis, no LOG_LEVEL.
     */
    cli: (args, env = baseEnv) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          ['--require', require.resolve('@swc-node/register'), ENTRY, ...args],
          {
            cwd: dataDir,
            env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
            timeout: 60_000,
          },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    ready: (context) => {
      if (unavailable) context.skip(unavailable);
      return !unavailable;
    },
  };
}
