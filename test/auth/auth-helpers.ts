import assert from 'node:assert/strict';
import type { TestApp, TestResponse } from '../support/test-app';

export const PASSWORD = 'password-123';

export function expectError(res: TestResponse, status: number, code: string): void {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.equal(res.body?.errors?.[0]?.extensions?.code, code, res.text);
}

export async function login(
  t: TestApp,
  project: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return t.request('POST', `/${project}/auth/login`, {
    body: { email: `admin@${project}.test`, password: PASSWORD, ...body },
    headers,
  });
}

/** `Set-Cookie` headers as name → { value, attributes }. */
export function cookiesOf(res: TestResponse): Map<string, { value: string; attributes: string }> {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return new Map(
    list.map((line) => {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at).trim(), { value: pair.slice(at + 1), attributes: attributes.join(';') }];
    }),
  );
}

/** A client-side cookie jar that honours Path, as a browser does for two projects on one host. */
export class CookieJar {
  private readonly cookies: Array<{ name: string; value: string; path: string }> = [];

  store(res: TestResponse): void {
    for (const [name, { value, attributes }] of cookiesOf(res)) {
      const path = /Path=([^;]+)/i.exec(attributes)?.[1]?.trim() ?? '/';
      const expired = /Max-Age=0/i.test(attributes) || /Expires=Thu, 01 Jan 1970/i.test(attributes);
      const index = this.cookies.findIndex((cookie) => cookie.name === name && cookie.path === path);
      if (index >= 0) this.cookies.splice(index, 1);
      if (!expired && value !== '') this.cookies.push({ name, value, path });
    }
  }

  header(url: string): string {
    return this.cookies
      .filter((cookie) => url === cookie.path || url.startsWith(`${cookie.path}/`))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }
}
