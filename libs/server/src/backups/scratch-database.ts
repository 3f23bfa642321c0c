import { type DbServers, quoteIdent } from '@atrium/tenancy';
import { randomBytes } from 'node:crypto';
import type { ScratchDatabase } from './backup-forward';

/**
 * Scratch databases of restores are named `<TENANT_DB_PREFIX>_restore_<created, base-36 seconds>_<random>`:
 * no project can have such a name, and one left behind by a crash tells its age without a table of its own.
 */
const scratchPrefix = (tenantDbPrefix: string): string => `${tenantDbPrefix}_restore_`;

export function scratchDatabaseName(tenantDbPrefix: string, now = Date.now()): string {
  const created = Math.floor(now / 1000).toString(36);
  return `${scratchPrefix(tenantDbPrefix)}${created}_${randomBytes(6).toString('hex')}`;
}

/** When a scratch database named by `scratchDatabaseName` was made, or null when `name` is none. */
export function scratchDatabaseCreatedAt(tenantDbPrefix: string, name: string): Date | null {
  const prefix = scratchPrefix(tenantDbPrefix);
  if (!name.startsWith(prefix)) return null;
  const match = /^([0-9a-z]{1,10})_[0-9a-f]{12}$/.exec(name.slice(prefix.length));
  return match ? new Date(parseInt(match[1], 36) * 1000) : null;
}

/** A new scratch database on the first server (restores read nothing else of it). */
export function scratchDatabaseOn(servers: DbServers, tenantDbPrefix: string): ScratchDatabase {
  const server = servers.list()[0].name;
  const name = scratchDatabaseName(tenantDbPrefix);
  const admin = servers.adminPool(server);
  return {
    url: servers.tenantUrl(server, name),
    create: async () => {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}

/** Scratch databases older than `olderThanMs` that nobody is connected to. */
export async function leftoverScratchDatabases(
  servers: DbServers,
  tenantDbPrefix: string,
  olderThanMs: number,
  now = Date.now(),
): Promise<Array<{ server: string; name: string }>> {
  const leftovers: Array<{ server: string; name: string }> = [];
  for (const { name: server } of servers.list()) {
    const { rows } = await servers.adminPool(server).query<{ datname: string }>(
      `SELECT d.datname FROM pg_database d
        WHERE starts_with(d.datname, $1)
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      [scratchPrefix(tenantDbPrefix)],
    );
    for (const { datname } of rows) {
      const created = scratchDatabaseCreatedAt(tenantDbPrefix, datname);
      if (created && now - created.getTime() > olderThanMs) leftovers.push({ server, name: datname });
    }
  }
  return leftovers;
}
