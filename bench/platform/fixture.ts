// The platform bench's projects beyond the few it provisions through the API: filler projects made the way
// the provisioner makes one (a copy of the template database, a registry row with a sealed JWT secret, a
// stats row), but with raw statements several at a time, because a thousand provisionings through the API
// would not fit the bench's time budget. Nothing connects to a filler database: none has an admin user, and
// none is ever requested; they are what the list, the stats refresh and the registry carry.
import { generateProjectSecret, quoteIdent, SecretBox, withDatabase } from '@atrium/tenancy';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../../test/support/test-env';

/** Filler keys, f0000 …; their names are what `search` looks for. */
export const fillerKey = (n: number): string => `f${String(n).padStart(4, '0')}`;
export const fillerName = (n: number): string => `Filler project ${String(n).padStart(4, '0')}`;

/** A connection to the server's maintenance database, for CREATE and DROP DATABASE. */
export async function maintenanceClient(): Promise<Client> {
  const client = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
  await client.connect();
  return client;
}

/** Runs `work` over `items` with at most `concurrency` at once, each on its own maintenance connection. */
export async function withConnections<T>(
  items: T[],
  concurrency: number,
  work: (client: Client, item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    const client = await maintenanceClient();
    try {
      while (next < items.length) await work(client, items[next++]);
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** The current template database of a platform (the one without the building suffix). */
export async function templateOf(admin: Client, tenantDbPrefix: string): Promise<string> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname NOT LIKE '%\\_b'",
    [`${tenantDbPrefix}_tpl_`],
  );
  if (rows.length !== 1) throw new Error(`expected one template, found ${rows.length}`);
  return rows[0].datname;
}

/** Spare databases ready (SpareDatabases), of any version: the platform has only the current one. */
export async function spareCount(admin: Client, tenantDbPrefix: string): Promise<number> {
  const { rows } = await admin.query<{ count: string }>(
    'SELECT count(*) AS count FROM pg_database WHERE starts_with(datname, $1)',
    [`${tenantDbPrefix}_spare_`],
  );
  return Number(rows[0].count);
}

/** Waits until the API has topped its spares up to `count` (false if it has not after `timeoutMs`). */
export async function waitForSpares(
  admin: Client,
  tenantDbPrefix: string,
  count: number,
  timeoutMs = 30_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await spareCount(admin, tenantDbPrefix)) >= count) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

export interface FillerSettings {
  /** The fillers made are first … first + count - 1. */
  first: number;
  count: number;
  concurrency: number;
  tenantDbPrefix: string;
  platformDatabaseUrl: string;
  secret: string;
  /** A provisioned project whose stored stats every filler starts with (they are identical fresh copies). */
  statsFrom: string;
}

/**
 * Makes `count` filler projects; answers how long each CREATE DATABASE … TEMPLATE took, `concurrency` at a
 * time: what a provisioning request used to wait for before spares.
 */
export async function createFillers(settings: FillerSettings): Promise<number[]> {
  const { first, count, concurrency, tenantDbPrefix } = settings;
  const admin = await maintenanceClient();
  const template = await templateOf(admin, tenantDbPrefix).finally(() => admin.end());
  const numbers = Array.from({ length: count }, (_, n) => first + n);
  const durations: number[] = [];
  await withConnections(numbers, concurrency, async (client, n) => {
    const started = performance.now();
    await client.query(
      `CREATE DATABASE ${quoteIdent(`${tenantDbPrefix}${fillerKey(n)}`)} TEMPLATE ${quoteIdent(template)}`,
    );
    durations.push(performance.now() - started);
  });
  const platform = new Client({ connectionString: settings.platformDatabaseUrl });
  await platform.connect();
  try {
    const box = new SecretBox(settings.secret);
    await platform.query(
      `INSERT INTO atrium_projects (key, name, status, db_server, db_name, jwt_secret, tenant_migration)
       SELECT key, name, 'active', 'default', $4 || key, secret, p.tenant_migration
       FROM unnest($1::text[], $2::text[], $3::text[]) AS f(key, name, secret),
         (SELECT tenant_migration FROM atrium_projects WHERE key = $5) p`,
      [
        numbers.map(fillerKey),
        numbers.map(fillerName),
        numbers.map(() => box.seal(generateProjectSecret())),
        tenantDbPrefix,
        settings.statsFrom,
      ],
    );
    await platform.query(
      `INSERT INTO atrium_project_stats (key, stats, measured_at)
       SELECT key, (SELECT stats FROM atrium_project_stats WHERE key = $2), now()
       FROM unnest($1::text[]) AS f(key)`,
      [numbers.map(fillerKey), settings.statsFrom],
    );
  } finally {
    await platform.end();
  }
  return durations;
}

/** Drops the filler databases, several at a time (the API's own clean-up would drop them one by one). */
export async function dropFillers(tenantDbPrefix: string, count: number, concurrency: number): Promise<void> {
  const names = Array.from({ length: count }, (_, n) => `${tenantDbPrefix}${fillerKey(n)}`);
  await withConnections(names, concurrency, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}
