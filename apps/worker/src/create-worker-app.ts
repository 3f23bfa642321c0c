import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { AppConfig, createLogger, PinoNestLogger } from '@atrium/core';
import { WorkerJobsOptions, WorkerModule } from './worker.module';

/**
 * Builds the worker (not listening yet): BullMQ workers start during `init`, and the Fastify instance only
 * serves `GET /health`. `main.ts` and the tests share it.
 */
export async function createWorkerApp(
  config: AppConfig & { redisUrl: string },
  jobs: WorkerJobsOptions = {},
): Promise<NestFastifyApplication> {
  const rootLogger = createLogger(config.logLevel, 'atrium-worker', { style: config.logStyle });
  // Probes call /health every few seconds; their request lines would drown the job logs.
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(config, rootLogger, jobs),
    adapter,
    { logger: new PinoNestLogger(rootLogger), abortOnError: false },
  );
  // SIGTERM/SIGINT close the app: workers first (bounded wait for running jobs), then Redis.
  app.enableShutdownHooks();
  try {
    await app.init();
  } catch (error: unknown) {
    // A refused boot (a queue without a processor) must not leave Redis connections holding the process open.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
