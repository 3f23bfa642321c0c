import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@atrium/core';
import { databaseOf, quoteIdent, withDatabase } from '@atrium/tenancy';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

export const SUPER_ADMIN_TOKEN = 'test-super-admin-token-0123456789abcdef';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  /** The body as sent, for binary answers. */
  bytes: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON envelopes
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string | Buffer;
  token?: string;
  headers?: Record<string, string>;
}

/**
 * An API app on its own platform database and tenant-database prefix, so test files can run in parallel
 * against one PostgreSQL server. `close()` drops every database it made.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    private readonly storageRoot: string,
    /** Every JSON log line the app wrote, when started with `captureLogs` (for secret-leak checks). */
    readonly logLines: string[],
  ) {}

  static async start(
    env: Record<string, string> = {},
    options: { captureLogs?: boolean; withoutRedis?: boolean } = {},
  ): Promise<TestApp> {
    const id = randomBytes(4).toString('hex');
    const storageRoot = mkdtempSync(path.join(tmpdir(), 'atrium-test-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: withDatabase(TEST_DATABASE_URL, `atrium_test_${id}`),
      TENANT_DB_PREFIX: `t${id}_`,
      SECRET: `test-secret-${id}-0123456789abcdef0123456789`,
      SUPER_ADMIN_TOKEN,
      STORAGE_LOCAL_ROOT: storageRoot,
      DATA_DIR: storageRoot,
      LOG_LEVEL: process.env.ATRIUM_TEST_LOG_LEVEL ?? 'silent',
      // No background measuring unless a test asks: it would hold pools and connections other tests count.
      STATS_REFRESH_INTERVAL_MS: '0',
      // No spare databases unless a test asks: copying them in the background would race the tests that
      // change the template, and add disk work to every test file.
      TENANT_SPARE_DATABASES: '0',
      ...(TEST_REDIS_URL && !options.withoutRedis ? { REDIS_URL: TEST_REDIS_URL } : {}),
      ...env,
    });
    const logLines: string[] = [];
    const app = await createApiApp(
      config,
      options.captureLogs ? { logDestination: { write: (line: string) => void logLines.push(line) } } : {},
    );
    return new TestApp(app, config, storageRoot, logLines);
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: method as 'GET', url, payload, headers });
    let body: unknown;
    try {
      body = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      body = undefined;
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      text: response.body,
      bytes: response.rawPayload,
      body,
    };
  }

  /** Listens on a free loopback port (once) and answers the port, for clients that need a real socket. */
  async port(): Promise<number> {
    const server = this.app.getHttpServer();
    if (!server.listening) await this.app.listen({ port: 0, host: '127.0.0.1' });
    return (server.address() as AddressInfo).port;
  }

  /** As the super-admin. */
  admin(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request(method, url, { ...options, token: SUPER_ADMIN_TOKEN });
  }

  async createProject(key: string, extra: Record<string, unknown> = {}): Promise<TestResponse> {
    const response = await this.admin('POST', '/server/projects', {
      body: { project: key, admin_email: `admin@${key}.test`, admin_password: 'password-123', ...extra },
    });
    if (response.status !== 201) throw new Error(`provisioning ${key} failed: ${response.text}`);
    return response;
  }

  /** A direct connection to one of this app's tenant databases, for checking what the API did. */
  async tenantClient(key: string): Promise<Client> {
    const client = new Client({
      connectionString: withDatabase(TEST_DATABASE_URL, `${this.config.tenantDbPrefix}${key}`),
    });
    await client.connect();
    return client;
  }

  /** A second API instance of this platform: same databases, SECRET and storage, talking through Redis. */
  startPeer(): Promise<TestApp> {
    return TestApp.start({
      DATABASE_URL: this.config.databaseUrl,
      TENANT_DB_PREFIX: this.config.tenantDbPrefix,
      SECRET: this.config.secret,
      STORAGE_LOCAL_ROOT: this.config.storageLocalRoot,
    });
  }

  async close(): Promise<void> {
    await this.app.close();
    await dropDatabases(this.config);
    rmSync(this.storageRoot, { recursive: true, force: true });
  }
}

/** Drops the platform database and every tenant/template database of one test app. */
export async function dropDatabases(config: AppConfig): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2',
      [config.tenantDbPrefix, databaseOf(config.databaseUrl)],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
