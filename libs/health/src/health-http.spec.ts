import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthHttpStatus, publicHealth } from './health-http';
import type { IetfHealth } from './health-report';

const full: IetfHealth = {
  status: 'warn',
  releaseId: '0.1.0',
  serviceId: 'svc',
  checks: { 'pg:responseTime': [{ status: 'warn', componentType: 'datastore', observedValue: 200 }] },
};

describe('healthHttpStatus', () => {
  for (const [status, code] of [
    ['ok', 200],
    ['warn', 200],
    ['error', 503],
  ] as const) {
    it(`answers ${code} for ${status}`, () => assert.equal(healthHttpStatus({ status }), code));
  }
});

describe('publicHealth', () => {
  it('keeps only the status', () => assert.deepEqual(publicHealth(full), { status: 'warn' }));
});
