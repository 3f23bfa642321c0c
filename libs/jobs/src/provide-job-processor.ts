import { Provider, Type } from '@nestjs/common';
import type { JobProcessor } from './job.processor';
import { JobProcessorRegistry } from './job-processor.registry';

/**
 * Providers that make `type` a Nest provider of the calling module (so it injects that module's services) and
 * register it with the global `JobProcessorRegistry` while the application is built:
 * `providers: [...provideJobProcessor(ThumbnailProcessor)]`.
 */
export function provideJobProcessor(type: Type<JobProcessor>): Provider[] {
  return [
    type,
    {
      provide: Symbol(`register ${type.name}`),
      useFactory: (registry: JobProcessorRegistry, processor: JobProcessor) => {
        registry.register(processor);
        return processor;
      },
      inject: [JobProcessorRegistry, type],
    },
  ];
}
