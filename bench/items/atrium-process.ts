// Atrium under measurement, in a process of its own: the API app on the items fixture, listening on
// 127.0.0.1. Its databases are dropped when the bench stops it.
import { withDatabase } from '@atrium/tenancy';
import type { AddressInfo } from 'node:net';
import { TestApp } from '../../test/support/test-app';
import { TEST_DATABASE_URL } from '../../test/support/test-env';
import { serveUntilStopped, type ServerReady } from '../support/server-process';
import { prepareArticles, prepareRowFilterReader, PROJECT } from './fixture';

export interface AtriumInput {
  poolSize: number;
}

export interface AtriumReady extends ServerReady {
  /** The project's database, for the raw baseline to read the very same table. */
  databaseUrl: string;
  /** The static token of the non-admin reader whose permission filters rows. */
  reader: string;
}

serveUntilStopped<AtriumInput, AtriumReady>(async ({ poolSize }) => {
  const t = await TestApp.start({ LOG_LEVEL: 'warn', TENANT_POOL_SIZE: String(poolSize) });
  try {
    const adminToken = await prepareArticles(t);
    const reader = await prepareRowFilterReader(t, adminToken);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const databaseUrl = withDatabase(TEST_DATABASE_URL, `${t.config.tenantDbPrefix}${PROJECT}`);
    return { info: { ready: true, port, databaseUrl, reader }, close: () => t.close() };
  } catch (error) {
    await t.close();
    throw error;
  }
});
