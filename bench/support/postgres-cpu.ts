import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Linux reports process times in clock ticks; 100 per second on every common kernel. */
const MICROS_PER_TICK = 10_000;

/**
 * CPU time used so far by the PostgreSQL backends of one application (by `application_name`), read from
 * /proc: what a server costs on the database side, next to its own process time. Null when PostgreSQL is
 * not on this machine (its processes cannot be read), so callers just leave the figure out.
 */
export class PostgresCpu {
  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<PostgresCpu> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'bench-observer' });
    await client.connect();
    return new PostgresCpu(client);
  }

  /**
   * Microseconds per backend pid, for the backends of `applicationName` open right now in this database; or,
   * given `databasePrefix`, the backends whose application name starts with `applicationName` in every
   * database whose name starts with `databasePrefix` (a load spread over many projects).
   */
  async snapshot(applicationName: string, databasePrefix?: string): Promise<Map<number, number> | null> {
    const { rows } = await this.client.query<{ pid: number }>(
      databasePrefix === undefined
        ? 'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()'
        : 'SELECT pid FROM pg_stat_activity WHERE starts_with(application_name, $1) AND starts_with(datname, $2)',
      databasePrefix === undefined ? [applicationName] : [applicationName, databasePrefix],
    );
    const times = new Map<number, number>();
    for (const { pid } of rows) {
      const micros = processMicros(pid);
      if (micros === null) return null;
      times.set(pid, micros);
    }
    return times;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** CPU used between two snapshots (a backend opened in between counts from zero). */
export function cpuBetween(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, micros] of after) total += micros - (before.get(pid) ?? 0);
  return total;
}

function processMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MICROS_PER_TICK;
  } catch {
    return null;
  }
}
