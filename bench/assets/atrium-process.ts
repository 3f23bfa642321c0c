// Atrium under measurement, in a process of its own: the API app with the assets fixture (one uploaded
// JPEG), listening on 127.0.0.1. Its databases and storage folder are removed when the bench stops it.
import { withDatabase } from '@atrium/tenancy';
import type { AddressInfo } from 'node:net';
import { TestApp } from '../../test/support/test-app';
import { TEST_DATABASE_URL } from '../../test/support/test-env';
import { serveUntilStopped, type ServerReady } from '../support/server-process';
import { prepareImage, PROJECT, type StoredImage } from './fixture';

export interface AtriumInput {
  /** ASSETS_TRANSFORM_MAX_CONCURRENT: above the bench's concurrency, so no transform answers 503. */
  maxConcurrentTransforms: number;
}

export interface AtriumReady extends ServerReady, StoredImage {
  /** The project's database, for the bench to read the CPU time of its backends. */
  databaseUrl: string;
}

serveUntilStopped<AtriumInput, AtriumReady>(async ({ maxConcurrentTransforms }) => {
  const t = await TestApp.start({
    LOG_LEVEL: 'warn',
    ASSETS_TRANSFORM_MAX_CONCURRENT: String(maxConcurrentTransforms),
  });
  try {
    const image = await prepareImage(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const databaseUrl = withDatabase(TEST_DATABASE_URL, `${t.config.tenantDbPrefix}${PROJECT}`);
    return {
      info: { ready: true, port, databaseUrl, ...image },
      close: () => t.close(),
    };
  } catch (error) {
    await t.close();
    throw error;
  }
});
