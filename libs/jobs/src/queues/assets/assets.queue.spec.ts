import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddJobOptions, JobQueueDriver } from '../../job-queue.driver';
import { assertValidJobId } from '../../job-id';
import { projectJobIdPrefix } from '../../project-jobs';
import { enqueueAssetJob } from './assets.producer';
import { assetJobId } from './assets.queue';

const INSTANCE = 'demo:main/atrium_demo:1764633600000';

describe('assetJobId', () => {
  it('joins project, file and variant', () => {
    const id = assetJobId({ project: 'demo', fileId: '3f2a-11', variant: 'system-small-cover' });
    assert.equal(id, 'demo:3f2a-11:system-small-cover');
    assert.doesNotThrow(() => assertValidJobId(id));
  });

  it('leaves the instance out, so the id keeps BullMQ`s three-part shape and the project prefix', () => {
    const payload = { project: 'demo', instance: INSTANCE, fileId: 'f1', variant: 'metadata' };
    const id = assetJobId(payload);
    assert.equal(id, 'demo:f1:metadata');
    assert.doesNotThrow(() => assertValidJobId(id));
    assert.ok(id.startsWith(projectJobIdPrefix('demo')));
  });

  it('gives two projects distinct ids for the same file and variant', () => {
    const a = assetJobId({ project: 'a', fileId: 'f', variant: 'v' });
    const b = assetJobId({ project: 'ab', fileId: 'f', variant: 'v' });
    assert.notEqual(a, b);
    assert.ok(!b.startsWith(projectJobIdPrefix('a')));
  });

  for (const payload of [
    { project: '', fileId: 'f', variant: 'v' },
    { project: 'p', fileId: 'a:b', variant: 'v' },
    { project: 'p', fileId: 'f', variant: '' },
    { project: 'p', fileId: 'f', variant: 'a:b' },
  ]) {
    it(`rejects ${JSON.stringify(payload)}`, () => assert.throws(() => assetJobId(payload)));
  }
});

describe('enqueueAssetJob', () => {
  it('adds an id-only payload, instance included, to the assets queue under its job id', async () => {
    const added: Array<{ queue: string; name: string; payload: unknown; opts: AddJobOptions }> = [];
    const driver = {
      add: async (queue: string, name: string, payload: unknown, opts: AddJobOptions) => {
        added.push({ queue, name, payload, opts });
      },
    } as unknown as JobQueueDriver;
    const payload = { project: 'demo', instance: INSTANCE, fileId: 'f1', variant: 'thumb', extra: 'dropped' };
    await enqueueAssetJob(driver, payload, { delayMs: 5 });
    assert.deepEqual(added, [
      {
        queue: 'assets',
        name: 'asset',
        payload: { project: 'demo', instance: INSTANCE, fileId: 'f1', variant: 'thumb' },
        opts: { jobId: 'demo:f1:thumb', delayMs: 5 },
      },
    ]);
  });
});
