// The API under measurement as users run it: `node dist/apps/api/src/main.js`, the production build, in a
// process of its own on its own platform database and tenant-database prefix (dropped when it stops). The
// bench prepares its data through the HTTP API and direct connections, as a client would.
import { databaseOf, quoteIdent, withDatabase } from '@atrium/tenancy';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../test/support/free-port';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../../test/support/test-env';
import type { ServerProcess, ServerReady } from './server-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS helper `npm start` uses too
const { buildIfNeeded } = require('../../scripts/build-if-needed') as {
  buildIfNeeded: (entry: string, output?: NodeJS.WritableStream) => void;
};

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = 100;

export interface BenchResponse {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads arbitrary JSON envelopes
  body: any;
}

/** What the fixtures need from an API: requests, provisioning, and a direct connection to a project. */
export interface BenchRequestOptions {
  body?: unknown;
  rawBody?: Buffer | string;
  token?: string;
  headers?: Record<string, string>;
}

export interface BenchApi {
  request(method: string, url: string, options?: BenchRequestOptions): Promise<BenchResponse>;
  createProject(key: string): Promise<unknown>;
  tenantClient(key: string): Promise<Client>;
}

export interface ProductionApi extends BenchApi {
  port: number;
  tenantDbPrefix: string;
  /** STORAGE_LOCAL_ROOT: the local driver keeps a project's files under `<root>/<project>/`. */
  storageRoot: string;
  /** The platform database (registry, stats). */
  platformDatabaseUrl: string;
  /** The run's SECRET and SUPER_ADMIN_TOKEN. */
  secret: string;
  superAdminToken: string;
  /** CPU time (user + system, µs) the process has used so far, from /proc (10 ms resolution). */
  cpuMicros(): Promise<number>;
  /** Resident set size (bytes) right now, from /proc; null off Linux. */
  rssBytes(): number | null;
  /** SIGTERM, as an operator stops it; waits for the exit, then drops its databases. */
  stop(): Promise<void>;
}

function procStat(pid: number): string[] | null {
  try {
    // Fields after the command name (which may hold spaces) start at field 3, "state".
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function rssOf(pid: number): number | null {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

async function dropDatabases(platformDb: string, tenantDbPrefix: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2',
      [tenantDbPrefix, platformDb],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function waitUntilAnswering(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/server/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the API did not answer within 60 s:\n${output()}`);
}

/**
 * Builds `dist/` if the sources are newer, starts the production entry with `env` (and `execArgv`, such as
 * `--cpu-prof`) and resolves once `/server/ping` answers.
 */
export async function startProductionApi(
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<ProductionApi> {
  buildIfNeeded(ENTRY, process.stderr);
  const id = randomBytes(4).toString('hex');
  const platformUrl = withDatabase(TEST_DATABASE_URL, `atrium_bench_${id}`);
  const tenantDbPrefix = `b${id}_`;
  const superAdminToken = `bench-super-admin-${id}-0123456789abcdef`;
  const secret = `bench-secret-${id}-0123456789abcdef0123456789`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-'));
  const storageRoot = path.join(dataDir, 'uploads');
  // A first start would provision the demo project: the bench wants its own projects only.
  writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ demo_created: true }));
  const port = await freePort();
  const child = spawn(process.execPath, [...execArgv, ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: platformUrl,
      TENANT_DB_PREFIX: tenantDbPrefix,
      SECRET: secret,
      SUPER_ADMIN_TOKEN: superAdminToken,
      DATA_DIR: dataDir,
      STORAGE_LOCAL_ROOT: storageRoot,
      LOG_LEVEL: 'warn',
      ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid as number;
  const cleanUp = async () => {
    await dropDatabases(databaseOf(platformUrl), tenantDbPrefix);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(port, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }

  const request: BenchApi['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers,
      body: options.body === undefined ? options.rawBody : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body };
  };

  return {
    port,
    tenantDbPrefix,
    storageRoot,
    platformDatabaseUrl: platformUrl,
    secret,
    superAdminToken,
    request,
    async createProject(key) {
      const response = await request('POST', '/server/projects', {
        token: superAdminToken,
        body: { project: key, admin_email: `admin@${key}.test`, admin_password: 'password-123' },
      });
      if (response.status !== 201) throw new Error(`provisioning ${key} failed: ${response.text}`);
      return response;
    },
    async tenantClient(key) {
      const client = new Client({
        connectionString: withDatabase(TEST_DATABASE_URL, `${tenantDbPrefix}${key}`),
      });
      await client.connect();
      return client;
    },
    async cpuMicros() {
      const stat = procStat(pid);
      if (!stat) return 0;
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 counted from "state").
      return ((Number(stat[11]) + Number(stat[12])) * 1_000_000) / CLOCK_TICKS;
    },
    rssBytes: () => rssOf(pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      await cleanUp();
      if (code !== 0) throw new Error(`the API exited with ${code}:\n${output.slice(-2000)}`);
    },
  };
}

/** The API as the bench's rounds drive it (`ServerProcess`), reporting `info` once it is ready. */
export function asServerProcess<Info extends ServerReady>(
  api: ProductionApi,
  info: Info,
): ServerProcess<Info> {
  return { info, cpuMicros: () => api.cpuMicros(), rssBytes: () => api.rssBytes(), stop: () => api.stop() };
}
