import assert from 'node:assert/strict';
import type { TestApp, TestResponse } from '../support/test-app';

/** Signs in as the project's first admin and returns a caller bound to `/<key>` with that token. */
export async function adminCaller(
  t: TestApp,
  key: string,
): Promise<{
  call: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  ok: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
}> {
  const login = await t.request('POST', `/${key}/auth/login`, {
    body: { email: `admin@${key}.test`, password: 'password-123' },
  });
  assert.equal(login.status, 200, login.text);
  const token = login.body.data.access_token as string;
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/${key}${url}`, { token, ...(body === undefined ? {} : { body }) });
  const ok = async (method: string, url: string, body?: unknown) => {
    const res = await call(method, url, body);
    assert.ok(res.status === 200 || res.status === 204, `${method} ${url}: ${res.status} ${res.text}`);
    return res;
  };
  return { call, ok };
}
