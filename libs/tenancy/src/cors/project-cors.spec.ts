import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CorsConfig } from '@atrium/core';
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import type { ProjectEntity } from '../registry/project.entity';
import { firstPathSegment, projectCorsDelegator } from './project-cors';

const config: CorsConfig = {
  enabled: true,
  origin: ['https://platform.test'],
  methods: ['GET'],
  allowedHeaders: ['Authorization'],
  exposedHeaders: [],
  credentials: true,
  maxAge: 60,
};

function request(url: string, origin?: string, method = 'GET'): FastifyRequest {
  return { url, method, headers: origin ? { origin } : {} } as unknown as FastifyRequest;
}

function resolve(
  delegate: ReturnType<typeof projectCorsDelegator>,
  req: FastifyRequest,
): Promise<FastifyCorsOptions | undefined> {
  return new Promise((done, fail) =>
    delegate(req, (error, options) => (error ? fail(error) : done(options))),
  );
}

const projects = new Map<string, Partial<ProjectEntity>>([
  ['narrow', { key: 'narrow', corsOrigins: ['https://narrow.test', '/\\.narrow\\.test$/'] }],
  ['closed', { key: 'closed', corsOrigins: [] }],
  ['plain', { key: 'plain', corsOrigins: null }],
]);
const lookup = { find: async (key: string) => (projects.get(key) as ProjectEntity) ?? null };

describe('firstPathSegment', () => {
  it('reads the first segment of a URL with or without a query', () => {
    assert.equal(firstPathSegment('/acme/items/x?y=1'), 'acme');
    assert.equal(firstPathSegment('/acme?y=1'), 'acme');
    assert.equal(firstPathSegment('/acme'), 'acme');
    assert.equal(firstPathSegment('/'), '');
  });
});

describe('projectCorsDelegator', () => {
  const delegate = projectCorsDelegator(config, lookup);

  it("uses the platform's origins outside projects and for projects without a list", async () => {
    for (const url of ['/server/projects', '/plain/items/x', '/unknown/items/x']) {
      const options = await resolve(delegate, request(url, 'https://a.test'));
      assert.deepEqual(options?.origin, ['https://platform.test'], url);
    }
  });

  it("uses a project's own list in place of the platform's", async () => {
    const options = await resolve(delegate, request('/narrow/items/x', 'https://a.test'));
    const origin = options?.origin as Array<string | RegExp>;
    assert.equal(origin[0], 'https://narrow.test');
    assert.ok(origin[1] instanceof RegExp);
  });

  it('an empty project list allows no origin but still answers preflights', async () => {
    const preflight = await resolve(delegate, request('/closed/items/x', 'https://a.test', 'OPTIONS'));
    assert.deepEqual(preflight?.origin, []);
    const ordinary = await resolve(delegate, request('/closed/items/x', 'https://a.test'));
    assert.equal(ordinary?.origin, false);
  });

  it('with CORS off, only preflights are answered', async () => {
    const off = projectCorsDelegator({ ...config, enabled: false }, lookup);
    assert.equal((await resolve(off, request('/plain/items/x', 'https://a.test')))?.origin, false);
    assert.deepEqual(
      (await resolve(off, request('/plain/items/x', 'https://a.test', 'OPTIONS')))?.origin,
      [],
    );
    const opened = await resolve(off, request('/narrow/items/x', 'https://a.test'));
    assert.equal((opened?.origin as string[])[0], 'https://narrow.test');
  });

  it('does not look the project up for requests without an Origin', async () => {
    let looked = 0;
    const counting = projectCorsDelegator(config, {
      find: async () => {
        looked++;
        return null;
      },
    });
    const options = await resolve(counting, request('/narrow/items/x'));
    assert.equal(looked, 0);
    assert.equal(options?.origin, false, 'no CORS headers for a caller that sent no Origin');
  });

  it("falls back to the platform's settings when the registry cannot answer", async () => {
    const failing = projectCorsDelegator(config, { find: () => Promise.reject(new Error('down')) });
    const options = await resolve(failing, request('/narrow/items/x', 'https://a.test'));
    assert.deepEqual(options?.origin, ['https://platform.test']);
  });
});
