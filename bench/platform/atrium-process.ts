// Atrium under measurement for the platform bench, in a process of its own: the API app with the production
// defaults for spares and the background stats refresh, listening on 127.0.0.1. Its databases are dropped
// when the bench stops it (the bench drops the many filler databases itself first, several at a time).
import type { AddressInfo } from 'node:net';
import { TestApp } from '../../test/support/test-app';
import { serveUntilStopped, type ServerReady } from '../support/server-process';

export interface PlatformAtriumInput {
  /** TENANT_POOLS_MAX and TENANT_POOL_SIZE: small, so cold requests to many projects stay within max_connections. */
  poolsMax: number;
  poolSize: number;
  spareDatabases: number;
}

export interface PlatformAtriumReady extends ServerReady {
  /** The platform database (registry and stats rows). */
  platformDatabaseUrl: string;
  /** Every database of this run starts with it. */
  tenantDbPrefix: string;
  /** The run's SECRET, which seals the filler projects' JWT secrets as the provisioner would. */
  secret: string;
  superAdminToken: string;
}

serveUntilStopped<PlatformAtriumInput, PlatformAtriumReady>(
  async ({ poolsMax, poolSize, spareDatabases }) => {
    const t = await TestApp.start({
      LOG_LEVEL: 'warn',
      TENANT_POOLS_MAX: String(poolsMax),
      TENANT_POOL_SIZE: String(poolSize),
      TENANT_SPARE_DATABASES: String(spareDatabases),
      // What an API runs with (TestApp turns the refresh off for tests): the list reads what it stores.
      STATS_REFRESH_INTERVAL_MS: '1000',
    });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.getHttpServer().address() as AddressInfo).port;
      return {
        info: {
          ready: true,
          port,
          platformDatabaseUrl: t.config.databaseUrl,
          tenantDbPrefix: t.config.tenantDbPrefix,
          secret: t.config.secret,
          superAdminToken: t.config.superAdminToken,
        },
        close: () => t.close(),
      };
    } catch (error) {
      await t.close();
      throw error;
    }
  },
);
