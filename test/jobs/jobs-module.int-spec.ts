import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ASSETS_QUEUE,
  AssetJobPayload,
  enqueueAssetJob,
  JOB_QUEUE,
  JobContext,
  JobProcessor,
  JobQueueDriver,
  JobsModule,
  JobsModuleOptions,
  MissingJobProcessorError,
  provideJobProcessor,
  removeProjectJobs,
} from '@atrium/jobs';
import {
  deleteKeys,
  redisAvailable,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
} from './support/redis-test-context';

/** Stands in for the files module's processor: records what it was asked to do. */
@Injectable()
class RecordingAssetsProcessor implements JobProcessor<AssetJobPayload> {
  readonly queue = ASSETS_QUEUE;
  readonly calls: Array<{ payload: AssetJobPayload; job: JobContext }> = [];

  async process(payload: AssetJobPayload, job: JobContext): Promise<void> {
    this.calls.push({ payload, job });
  }
}

@Module({
  providers: [...provideJobProcessor(RecordingAssetsProcessor)],
  exports: [RecordingAssetsProcessor],
})
class FakeFilesModule {}

async function boot(options: JobsModuleOptions, withProcessor = true) {
  const moduleRef = await Test.createTestingModule({
    imports: [JobsModule.forRoot(options), ...(withProcessor ? [FakeFilesModule] : [])],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.init();
}

describe('JobsModule', () => {
  const prefix = uniquePrefix();
  let available = false;

  before(async () => {
    available = await redisAvailable();
  });

  after(async () => {
    if (available) await deleteKeys(prefix);
  });

  it('without Redis runs registered processors in-process and reports warn health', async () => {
    const app = await boot({ redisUrl: null, runProcessorsInProcess: true, prefix });
    try {
      const queue = app.get<JobQueueDriver>(JOB_QUEUE);
      assert.equal(queue.name, 'in-process');
      await enqueueAssetJob(queue, { project: 'demo', instance: 'i', fileId: 'f1', variant: 'small' });
      const processor = app.get(RecordingAssetsProcessor);
      await waitFor(() => processor.calls.length === 1);
      assert.deepEqual(processor.calls[0], {
        payload: { project: 'demo', instance: 'i', fileId: 'f1', variant: 'small' },
        job: { id: 'demo:f1:small', attempt: 1 },
      });
      assert.equal((await queue.health()).status, 'warn');
    } finally {
      await app.close();
    }
  });

  it('without Redis rejects jobs for a queue no module processes', async () => {
    const app = await boot({ redisUrl: null, runProcessorsInProcess: true }, false);
    try {
      const queue = app.get<JobQueueDriver>(JOB_QUEUE);
      await assert.rejects(
        enqueueAssetJob(queue, { project: 'demo', instance: 'i', fileId: 'f1', variant: 'v' }),
        MissingJobProcessorError,
      );
    } finally {
      await app.close();
    }
  });

  it('refuses a process that has no Redis and would not run its jobs', () => {
    assert.throws(() => JobsModule.forRoot({ redisUrl: null, runProcessorsInProcess: false }), /REDIS_URL/);
  });

  it('with Redis runs the registered processor on a BullMQ worker in this process', async (t) => {
    if (!available) return t.skip(`Redis is not reachable at ${TEST_REDIS_URL}`);
    const app = await boot({ redisUrl: TEST_REDIS_URL, runProcessorsInProcess: true, prefix });
    try {
      const queue = app.get<JobQueueDriver>(JOB_QUEUE);
      assert.equal(queue.name, 'bullmq');
      await enqueueAssetJob(queue, { project: 'demo', instance: 'i', fileId: 'f2', variant: 'small' });
      const processor = app.get(RecordingAssetsProcessor);
      await waitFor(() => processor.calls.length === 1);
      assert.equal(processor.calls[0].job.id, 'demo:f2:small');
    } finally {
      await app.close();
    }
  });

  it('with Redis and no local workers only produces; project cleanup drops the queued jobs', async (t) => {
    if (!available) return t.skip(`Redis is not reachable at ${TEST_REDIS_URL}`);
    const app = await boot({
      redisUrl: TEST_REDIS_URL,
      runProcessorsInProcess: false,
      prefix: `${prefix}-producer`,
    });
    try {
      const queue = app.get<JobQueueDriver>(JOB_QUEUE);
      await enqueueAssetJob(queue, { project: 'gone', instance: 'i', fileId: 'f1', variant: 'a' });
      await enqueueAssetJob(queue, { project: 'gone', instance: 'i', fileId: 'f1', variant: 'b' });
      await enqueueAssetJob(queue, { project: 'kept', instance: 'i', fileId: 'f1', variant: 'a' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(app.get(RecordingAssetsProcessor).calls.length, 0);
      assert.equal(await removeProjectJobs(queue, 'gone'), 2);
      assert.equal(await removeProjectJobs(queue, 'kept'), 1);
    } finally {
      await app.close();
      await deleteKeys(`${prefix}-producer`);
    }
  });

  it('with Redis refuses to boot a worker for a selected queue without a processor', async (t) => {
    if (!available) return t.skip(`Redis is not reachable at ${TEST_REDIS_URL}`);
    const moduleRef = await Test.createTestingModule({
      imports: [
        JobsModule.forRoot({
          redisUrl: TEST_REDIS_URL,
          runProcessorsInProcess: true,
          prefix,
          queues: ['assets'],
        }),
      ],
    }).compile();
    moduleRef.useLogger(false);
    try {
      await assert.rejects(moduleRef.init(), MissingJobProcessorError);
    } finally {
      await moduleRef.close();
    }
  });
});
