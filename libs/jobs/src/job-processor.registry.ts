import { Injectable } from '@nestjs/common';
import type { JobProcessor } from './job.processor';

/** A queue was asked to run with nobody to process its jobs: a wiring bug, surfaced at boot or at `add`. */
export class MissingJobProcessorError extends Error {
  constructor(readonly queue: string) {
    super(`No job processor is registered for queue "${queue}"`);
    this.name = 'MissingJobProcessorError';
  }
}

/**
 * Which processor handles which queue, one per queue. Feature modules register their processors while the
 * application is built (`provideJobProcessor`); workers read the registry once everything is registered
 * (`onApplicationBootstrap`), and the in-process driver reads it when a job runs.
 */
@Injectable()
export class JobProcessorRegistry {
  private readonly processors = new Map<string, JobProcessor>();

  register(processor: JobProcessor): void {
    if (this.processors.has(processor.queue)) {
      // Two handlers for one queue would split its jobs at random between them.
      throw new Error(`A job processor is already registered for queue "${processor.queue}"`);
    }
    this.processors.set(processor.queue, processor);
  }

  /** The processor of `queue`; throws `MissingJobProcessorError` when there is none. */
  get(queue: string): JobProcessor {
    const processor = this.processors.get(queue);
    if (!processor) throw new MissingJobProcessorError(queue);
    return processor;
  }

  has(queue: string): boolean {
    return this.processors.has(queue);
  }

  /** Queue names with a processor, in registration order. */
  queues(): string[] {
    return [...this.processors.keys()];
  }
}
