import { HealthProbe, HealthProbeError } from '@atrium/health';
import type { Redis } from 'ioredis';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** `SELECT 1` on a pool: the database answers, and how fast. */
export function pgProbe(key: string, query: () => Promise<unknown>): HealthProbe {
  return { key, componentType: 'datastore', run: async () => void (await query()) };
}

export function platformDatabaseProbe(dataSource: DataSource): HealthProbe {
  return pgProbe('pg:responseTime', () => dataSource.query('SELECT 1'));
}

export function tenantServerProbe(serverName: string, pool: Pool): HealthProbe {
  return pgProbe(`tenantdb_${serverName}:responseTime`, () => pool.query('SELECT 1'));
}

/** A project pool's connections in use and free, as Directus reports them. */
export function poolConnectionProbes(pool: Pool): HealthProbe[] {
  return [
    {
      key: 'pg:connectionsAvailable',
      componentType: 'datastore',
      run: async () => ({ observedValue: pool.idleCount }),
    },
    {
      key: 'pg:connectionsUsed',
      componentType: 'datastore',
      run: async () => ({ observedValue: pool.totalCount - pool.idleCount }),
    },
  ];
}

export function redisProbe(redis: Redis): HealthProbe {
  return {
    key: 'redis:responseTime',
    componentType: 'cache',
    run: async () => {
      if ((await redis.ping()) !== 'PONG') throw new HealthProbeError('Redis did not answer PONG.');
    },
  };
}

/** Writes, reads back and removes a small file where uploads go. */
export function localStorageProbe(root: string): HealthProbe {
  return {
    key: 'storage:local:responseTime',
    componentType: 'objectstore',
    run: async () => {
      const file = path.join(root, `.health-${process.pid}-${Date.now()}`);
      await mkdir(root, { recursive: true });
      await writeFile(file, 'ok');
      const text = await readFile(file, 'utf8');
      await rm(file, { force: true });
      if (text !== 'ok') throw new HealthProbeError('Storage returned different bytes.');
    },
  };
}

/** Fails while the instance drains for shutdown, so load balancers stop sending it traffic. */
export function shutdownProbe(drain: { isDraining: boolean }): HealthProbe {
  return {
    key: 'api:shutdown',
    componentType: 'system',
    run: async () => {
      if (drain.isDraining) throw new HealthProbeError('Draining: this instance is shutting down.');
    },
  };
}
