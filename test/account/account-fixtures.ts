import assert from 'node:assert/strict';
import { ProjectSecrets, hashToken } from '@atrium/auth';
import { hashPassword } from '@atrium/core';
import { ProjectRegistry } from '@atrium/tenancy';
import type { Client } from 'pg';
import { SmtpSink, SinkMail } from '../support/smtp-sink';
import { TestApp, TestResponse } from '../support/test-app';

export const PUBLIC_URL = 'https://api.example';
export const RESET_PAGE = 'https://app.example/reset';
export const INVITE_PAGE = 'https://app.example/accept';
/** Short, so the suite is quick; still long enough to measure that both paths wait for it. */
export const STALL_MS = 150;

export interface AccountTestContext {
  t: TestApp;
  sink: SmtpSink;
  close(): Promise<void>;
}

/** An API app mailing through an in-process SMTP sink, with allow lists for the pages above. */
export async function startAccountApp(env: Record<string, string> = {}): Promise<AccountTestContext> {
  const sink = await SmtpSink.start();
  try {
    const t = await TestApp.start({
      ...sink.env(),
      PUBLIC_URL,
      PASSWORD_RESET_URL_ALLOW_LIST: RESET_PAGE,
      USER_INVITE_URL_ALLOW_LIST: INVITE_PAGE,
      LOGIN_STALL_TIME: `${STALL_MS}ms`,
      ...env,
    });
    return {
      t,
      sink,
      close: async () => {
        await t.close();
        await sink.close();
      },
    };
  } catch (error) {
    await sink.close();
    throw error;
  }
}

/** Runs `work` on a direct connection to the project's database. */
export async function withTenantDb<T>(t: TestApp, key: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = await t.tenantClient(key);
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export interface NewUser {
  email: string;
  password?: string | null;
  status?: string;
  role?: string | null;
  staticToken?: string;
}

/** Inserts a user straight into `directus_users` (the users API is another issue) and returns its id. */
export async function insertUser(t: TestApp, key: string, user: NewUser): Promise<string> {
  const hash = user.password ? await hashPassword(user.password) : null;
  return withTenantDb(t, key, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO directus_users (email, password, status, role, token) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        user.email,
        hash,
        user.status ?? 'active',
        user.role ?? null,
        user.staticToken ? hashToken(user.staticToken) : null,
      ],
    );
    return rows[0].id;
  });
}

/** The seeded Administrator role. */
export function adminRole(t: TestApp, key: string): Promise<string> {
  return withTenantDb(t, key, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM directus_roles WHERE name = 'Administrator'`,
    );
    return rows[0].id;
  });
}

/** A role whose policy grants app access only. */
export function editorRole(t: TestApp, key: string): Promise<string> {
  return withTenantDb(t, key, async (db) => {
    const role = await db.query<{ id: string }>(
      `INSERT INTO directus_roles (name) VALUES ('Editor') RETURNING id`,
    );
    const policy = await db.query<{ id: string }>(
      `INSERT INTO directus_policies (name, admin_access, app_access) VALUES ('Editor', false, true) RETURNING id`,
    );
    await db.query('INSERT INTO directus_access (role, policy) VALUES ($1, $2)', [
      role.rows[0].id,
      policy.rows[0].id,
    ]);
    return role.rows[0].id;
  });
}

export function login(
  t: TestApp,
  key: string,
  email: string,
  password: string,
  otp?: string,
): Promise<TestResponse> {
  return t.request('POST', `/${key}/auth/login`, { body: { email, password, ...(otp ? { otp } : {}) } });
}

export async function accessToken(t: TestApp, key: string, email: string, password: string): Promise<string> {
  const res = await login(t, key, email, password);
  assert.equal(res.status, 200, res.text);
  return res.body.data.access_token as string;
}

/** The project's JWT secret, to forge tokens the way only the server could. */
export async function projectSecret(t: TestApp, key: string): Promise<string> {
  const project = await t.app.get(ProjectRegistry).find(key);
  assert.ok(project, `project ${key} exists`);
  return t.app.get(ProjectSecrets).jwtSecret(project);
}

/** The link of a mail starting with `base`, from its plain-text body (and also present in the HTML). */
export function linkIn(mail: SinkMail, base: string): URL {
  const match = new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*`).exec(mail.text);
  assert.ok(match, `a link to ${base} in: ${mail.text}`);
  return new URL(match[0]);
}

/** Status and `extensions.code` of a Directus error envelope, checked together. */
export function assertError(res: TestResponse, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body?.errors?.[0]?.extensions?.code, code, res.text);
}

/** A 204 with an empty body. */
export function assertNoContent(res: TestResponse): void {
  assert.equal(res.status, 204, res.text);
  assert.equal(res.text, '');
}
