import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddJobOptions, JobQueueDriver } from '../../job-queue.driver';
import { assertValidJobId } from '../../job-id';
import { enqueueAssetJob } from './assets.producer';
import { assetJobId } from './assets.queue';

describe('assetJobId', () => {
  it('joins project, file and variant', () => {
    const id = assetJobId({ project: 'demo', fileId: '3f2a-11', variant: 'system-small-cover' });
    assert.equal(id, 'demo:3f2a-11:system-small-cover');
    assert.doesNotThrow(() => assertValidJobId(id));
  });

  for (const payload of [
    { project: '', fileId: 'f', variant: 'v' },
    { project: 'p', fileId: 'a:b', variant: 'v' },
    { project: 'p', fileId: 'f', variant: '' },
  ]) {
    it(`rejects ${JSON.stringify(payload)}`, () => assert.throws(() => assetJobId(payload)));
  }
});

describe('enqueueAssetJob', () => {
  it('adds an id-only payload to the assets queue under its job id', async () => {
    const added: Array<{ queue: string; name: string; payload: unknown; opts: AddJobOptions }> = [];
    const driver = {
      add: async (queue: string, name: string, payload: unknown, opts: AddJobOptions) => {
        added.push({ queue, name, payload, opts });
      },
    } as unknown as JobQueueDriver;
    const payload = { project: 'demo', fileId: 'f1', variant: 'thumb', extra: 'dropped' };
    await enqueueAssetJob(driver, payload, { delayMs: 5 });
    assert.deepEqual(added, [
      {
        queue: 'assets',
        name: 'asset',
        payload: { project: 'demo', fileId: 'f1', variant: 'thumb' },
        opts: { jobId: 'demo:f1:thumb', delayMs: 5 },
      },
    ]);
  });
});
