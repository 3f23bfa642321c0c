// Atrium under measurement, in a process of its own: the API app on the items fixture, listening on
// 127.0.0.1. Its databases are dropped when the bench stops it.
import { withDatabase } from '@atrium/tenancy';
import type { AddressInfo } from 'node:net';
import { TestApp } from '../../test/support/test-app';
import { TEST_DATABASE_URL } from '../../test/support/test-env';
import { serveUntilStopped, type ServerReady } from '../support/server-process';
import {
  adminUserId,
  prepareArticles,
  prepareRowFilterReader,
  prepareSmallProjects,
  PROJECT,
} from './fixture';

export interface AtriumInput {
  poolSize: number;
  /** TENANT_POOLS_MAX: pools open at once, fewer than the spread's projects so they take turns. */
  poolsMax: number;
  /** TENANT_CONNECTIONS_MAX: connections of every pool together. */
  connectionsMax: number;
  /** Small projects for the spread load (0: none). */
  spreadProjects: number;
}

export interface AtriumReady extends ServerReady {
  /** The project's database, for the raw baseline to read the very same table. */
  databaseUrl: string;
  /** Every tenant database of this app starts with it (the spread load's PostgreSQL CPU). */
  tenantDbPrefix: string;
  /** The static token of the non-admin reader whose permission filters rows. */
  reader: string;
  /** The admin's user id, written into the baseline's activity rows. */
  adminUser: string;
}

serveUntilStopped<AtriumInput, AtriumReady>(
  async ({ poolSize, poolsMax, connectionsMax, spreadProjects }) => {
    const t = await TestApp.start({
      LOG_LEVEL: process.env.BENCH_ATRIUM_LOG_LEVEL ?? 'warn',
      TENANT_POOL_SIZE: String(poolSize),
      TENANT_POOLS_MAX: String(poolsMax),
      TENANT_CONNECTIONS_MAX: String(connectionsMax),
    });
    try {
      const adminToken = await prepareArticles(t);
      const reader = await prepareRowFilterReader(t, adminToken);
      if (spreadProjects > 0) await prepareSmallProjects(t, spreadProjects);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.getHttpServer().address() as AddressInfo).port;
      const tenantDbPrefix = t.config.tenantDbPrefix;
      const databaseUrl = withDatabase(TEST_DATABASE_URL, `${tenantDbPrefix}${PROJECT}`);
      const adminUser = await adminUserId(t);
      return {
        info: { ready: true, port, databaseUrl, tenantDbPrefix, reader, adminUser },
        close: () => t.close(),
      };
    } catch (error) {
      await t.close();
      throw error;
    }
  },
);
