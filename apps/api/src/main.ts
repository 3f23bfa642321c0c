import { prepareEnvironment, PreparedDatabase } from '@atrium/bootstrap';
import { bootLogLevel, ConfigError, createLogger, loadConfig, logStyleOf, ShutdownDrain } from '@atrium/core';
import { ProjectsService } from '@atrium/server';
import { startBanner } from './bootstrap/banner';
import { createDemoProject, DemoCredentials } from './bootstrap/demo-project';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const bootLogger = createLogger(bootLogLevel(process.env), 'atrium-boot', {
    style: logStyleOf(process.env),
  });
  let database: PreparedDatabase | null = null;
  try {
    const prepared = await prepareEnvironment(process.env);
    const { secrets } = prepared;
    database = prepared.database;
    const config = loadConfig(process.env);
    const app = await createApiApp(config);

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      bootLogger.info(
        { signal, requestsInFlight: app.get(ShutdownDrain).requestsInFlight },
        'shutting down: draining requests',
      );
      const drained = await app.get(ShutdownDrain).drain(config.shutdownTimeoutMs);
      if (!drained) {
        bootLogger.warn(
          { timeoutMs: config.shutdownTimeoutMs, requestsInFlight: app.get(ShutdownDrain).requestsInFlight },
          'requests still running at SHUTDOWN_TIMEOUT: closing anyway',
        );
      }
      await app
        .close()
        .catch((error: Error) => bootLogger.error({ err: error }, 'error while closing the API'));
      await database?.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT')); // a terminal Ctrl-C may arrive twice (npm and start.js forward it)
    process.on('SIGTERM', () => void shutdown('SIGTERM'));

    await app.listen({ port: config.port, host: config.host });
    let demo: DemoCredentials | null = null;
    if (secrets.demoPending) {
      demo = await createDemoProject(app.get(ProjectsService));
      secrets.markDemoCreated();
    }
    process.stdout.write(
      startBanner(config, {
        superAdminToken: secrets.generatedSuperAdminToken ? config.superAdminToken : null,
        demo,
        database: prepared.database,
      }),
    );
  } catch (error) {
    await database?.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : `Atrium could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
