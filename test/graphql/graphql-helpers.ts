import assert from 'node:assert/strict';
import type { TestApp, TestResponse } from '../support/test-app';

export type GraphqlCall = ((query: string, variables?: Record<string, unknown>) => Promise<TestResponse>) & {
  token: string;
};

/** Signs in as the project's first admin; the caller posts documents to `/<key>/graphql` (or `path`). */
export async function graphqlCaller(t: TestApp, key: string, path = 'graphql'): Promise<GraphqlCall> {
  const login = await t.request('POST', `/${key}/auth/login`, {
    body: { email: `admin@${key}.test`, password: 'password-123' },
  });
  assert.equal(login.status, 200, login.text);
  return tokenCaller(t, key, login.body.data.access_token as string, path);
}

/** A caller with a given token (or none). */
export function tokenCaller(t: TestApp, key: string, token: string, path = 'graphql'): GraphqlCall {
  const call = (query: string, variables?: Record<string, unknown>) =>
    t.request('POST', `/${key}/${path}`, { token, body: { query, ...(variables ? { variables } : {}) } });
  return Object.assign(call, { token });
}

/** REST data as GraphQL gives it: keys (`id`) are GraphQL IDs, which are strings. */
export function idsAsStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idsAsStrings);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === 'id' && (typeof entry === 'number' || typeof entry === 'string')
        ? String(entry)
        : idsAsStrings(entry),
    ]),
  );
}
