import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { serviceUnavailable } from '@atrium/core';
import type { HeldJob } from '@atrium/jobs';
import { PLATFORM_DATA_SOURCE, PlatformJobOutbox } from '@atrium/tenancy';
import type { DataSource } from 'typeorm';
import { TestApp } from '../support/test-app';

const job = (jobId: string, queue = 'assets'): HeldJob => ({
  queue,
  name: 'asset',
  jobId,
  payload: { jobId },
  runAt: null,
});

describe('the job outbox in the platform database', () => {
  let t: TestApp;
  let platform: DataSource;
  let outbox: PlatformJobOutbox;

  before(async () => {
    // Without Redis the API has no outbox of its own relaying in the background: the test owns the table.
    t = await TestApp.start({}, { withoutRedis: true });
    platform = t.app.get<DataSource>(PLATFORM_DATA_SOURCE);
    outbox = new PlatformJobOutbox(platform);
  });
  beforeEach(async () => void (await platform.query('DELETE FROM atrium_job_outbox')));
  after(async () => t?.close());

  it('keeps a job once per queue and id, with its payload, attempts and due time', async () => {
    const runAt = new Date(Date.now() + 5_000);
    await outbox.hold({ ...job('p:f:metadata'), attempts: 4, runAt });
    await outbox.hold(job('p:f:metadata'));
    await outbox.hold(job('p:f:metadata', 'other'));
    assert.equal(await outbox.count('assets'), 1);
    const sent: HeldJob[] = [];
    assert.deepEqual(await outbox.release(10, async (held) => void sent.push(held)), {
      sent: 2,
      more: false,
    });
    assert.deepEqual(sent[0], { ...job('p:f:metadata'), attempts: 4, runAt });
    assert.equal(await outbox.count('assets'), 0);
  });

  it('forgets what was sent before the queue refused, keeps the rest, and says why', async () => {
    for (const n of [1, 2, 3]) await outbox.hold(job(`p:f${n}:metadata`));
    let calls = 0;
    await assert.rejects(
      outbox.release(10, async () => {
        if (++calls === 2) throw serviceUnavailable('queue', 'Redis is not reachable.');
      }),
      (error: { code?: string }) => error.code === 'SERVICE_UNAVAILABLE',
    );
    const left = await platform.query('SELECT job_id FROM atrium_job_outbox ORDER BY id');
    assert.deepEqual(
      left.map((row: { job_id: string }) => row.job_id),
      ['p:f2:metadata', 'p:f3:metadata'],
    );
  });

  it('hands every job to exactly one of two instances releasing at once', async () => {
    for (let n = 0; n < 20; n++) await outbox.hold(job(`p:f${n}:metadata`));
    const other = new PlatformJobOutbox(platform);
    const sent: string[] = [];
    const slowSend = async (held: HeldJob) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(held.jobId);
    };
    const drain = async (side: PlatformJobOutbox) => {
      while ((await side.release(3, slowSend)).more);
    };
    await Promise.all([drain(outbox), drain(other)]);
    assert.equal(sent.length, 20);
    assert.equal(new Set(sent).size, 20, 'no job sent twice');
    assert.equal(await outbox.count('assets'), 0);
  });

  it("drops a project's jobs by id prefix, literally (no LIKE wildcards)", async () => {
    await outbox.hold(job('a_b:f:metadata'));
    await outbox.hold(job('axb:f:metadata'));
    await outbox.hold(job('a_b:f:metadata', 'other'));
    assert.equal(await outbox.removeByJobIdPrefix('assets', 'a_b:'), 1);
    const left = await platform.query('SELECT queue, job_id FROM atrium_job_outbox ORDER BY id');
    assert.deepEqual(left, [
      { queue: 'assets', job_id: 'axb:f:metadata' },
      { queue: 'other', job_id: 'a_b:f:metadata' },
    ]);
  });
});
