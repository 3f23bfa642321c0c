import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JobProcessorRegistry, MissingJobProcessorError } from './job-processor.registry';

const processor = (queue: string) => ({ queue, process: async () => undefined });

describe('JobProcessorRegistry', () => {
  it('returns the processor registered for a queue', () => {
    const registry = new JobProcessorRegistry();
    const assets = processor('assets');
    registry.register(assets);
    assert.equal(registry.get('assets'), assets);
    assert.equal(registry.has('assets'), true);
    assert.deepEqual(registry.queues(), ['assets']);
  });

  it('throws a MissingJobProcessorError for a queue without a processor', () => {
    const registry = new JobProcessorRegistry();
    assert.throws(() => registry.get('assets'), MissingJobProcessorError);
    assert.equal(registry.has('assets'), false);
  });

  it('refuses a second processor for the same queue', () => {
    const registry = new JobProcessorRegistry();
    registry.register(processor('assets'));
    assert.throws(() => registry.register(processor('assets')), /already registered/);
  });
});
