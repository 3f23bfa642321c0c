import { Client, type ClientConfig, type PoolConfig } from 'pg';

/** The same server URL pointed at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** The database a URL names (`postgres` when it names none). */
export function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

/** A URL safe to show: no user or password. */
export function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}`;
}

/** Pool settings every Atrium pool shares: fail fast, never wait forever for a connection or a query. */
export function poolConfig(
  connectionString: string,
  options: {
    max: number;
    applicationName: string;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleMs: number;
  },
): PoolConfig {
  return {
    connectionString,
    max: options.max,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // The client-side limit covers a server that stops answering without closing the socket.
    query_timeout: options.statementTimeoutMs + 5_000,
    idleTimeoutMillis: options.idleMs,
    keepAlive: true,
  };
}

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Makes a server going away (a PostgreSQL restart, a dropped connection) fail the client's running or next
 * query instead of crashing the process: pg emits `error` on the client as well, and an `error` event with
 * no listener ends Node. Pools listen on their idle clients only, so give it checked-out ones too
 * (`pool.on('connect', failQueriesOnServerLoss)`) and short-lived clients before `connect()`.
 */
export function failQueriesOnServerLoss<T extends ErrorEmitter>(client: T): T {
  client.on('error', () => undefined);
  return client;
}

/** Runs `work` on a connection of its own (server loss fails its queries, never the process), closed after. */
export async function withPgClient<T>(
  config: ClientConfig,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = failQueriesOnServerLoss(new Client(config));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
