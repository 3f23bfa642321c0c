import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '@atrium/core';
import { signedInInfo } from './signed-in-info';

const withLimits = (limits: { default: number; max: number }) => ({ queryLimit: limits }) as AppConfig;

describe('signedInInfo (what Directus server info adds for a signed-in user)', () => {
  it('reports the query limits, the version, and the features Atrium does not run as off', () => {
    const info = signedInInfo(withLimits({ default: 100, max: -1 }));
    assert.deepEqual(info.queryLimit, { default: 100, max: -1 });
    assert.equal(info.rateLimit, false);
    assert.equal(info.rateLimitGlobal, false);
    assert.equal(info.websocket, false);
    assert.deepEqual(info.extensions, { limit: null });
    assert.match(info.version, /^\d+\.\d+\.\d+/);
  });

  it("reports the project's request limit when it has one", () => {
    const info = signedInInfo(withLimits({ default: 100, max: -1 }), { points: 50, duration: 1 });
    assert.deepEqual(info.rateLimit, { points: 50, duration: 1 });
  });

  it('holds no host details', () => {
    const info = signedInInfo(withLimits({ default: 10, max: 50 })) as Record<string, unknown>;
    for (const key of ['node', 'os', 'uptime']) assert.equal(info[key], undefined, key);
    assert.deepEqual(info.queryLimit, { default: 10, max: 50 });
  });
});
