import { measureThroughput, type RequestShape } from './load';
import { cpuBetween, type PostgresCpu } from './postgres-cpu';
import type { ServerProcess, ServerReady } from './server-process';

/** One server under load: where to send what, and its PostgreSQL connections' name. */
export interface Target {
  server: ServerProcess<ServerReady>;
  path: string;
  headers: Record<string, string>;
  /** The `application_name` of its PostgreSQL connections (a prefix when `databasePrefix` is given). */
  application: string;
  /** Its backends are in every database named with this prefix (a load spread over projects). */
  databasePrefix?: string;
  /** Method, body, spread over paths: GET of `path` unless said. */
  shape?: RequestShape;
}

/** How often a round samples its server's resident memory. */
const RSS_SAMPLE_MS = 100;

/** What the counted rounds of one target added up to. */
export interface Tally {
  rps: number[];
  failures: number;
  /** Non-200 answers by status. */
  failureStatuses: Record<string, number>;
  requests: number;
  nodeMicros: number;
  /** Null when PostgreSQL's processes cannot be read (not on this machine). */
  postgresMicros: number | null;
  /** Highest resident set size of the server process seen during the rounds; null when unreadable. */
  peakRssBytes: number | null;
}

/** How long and how hard each round drives its target. */
export interface RoundSettings {
  /** Rounds per target (first, second, first, second…), after one uncounted round each. */
  rounds: number;
  /** Timed window of a counted round, after `warmupMs`. */
  durationMs: number;
  warmupMs: number;
  /** The uncounted first round of each target. */
  firstRoundMs: number;
  /** Keep-alive connections of the load generator. */
  concurrency: number;
}

export function newTally(): Tally {
  return {
    rps: [],
    failures: 0,
    failureStatuses: {},
    requests: 0,
    nodeMicros: 0,
    postgresMicros: 0,
    peakRssBytes: null,
  };
}

/** One round of load on `target`, its req/s, answers and CPU time (process and PostgreSQL) added to `tally`. */
export async function round(
  target: Target,
  postgres: PostgresCpu,
  concurrency: number,
  warmupMs: number,
  durationMs: number,
  tally: Tally,
): Promise<void> {
  const backends = () => postgres.snapshot(target.application, target.databasePrefix);
  const [nodeBefore, postgresBefore] = [await target.server.cpuMicros(), await backends()];
  const { port } = target.server.info;
  // Resident memory sampled from /proc while the load runs (the process itself is not asked).
  const sampleRss = () => {
    const rss = target.server.rssBytes();
    if (rss !== null) tally.peakRssBytes = Math.max(tally.peakRssBytes ?? 0, rss);
  };
  const sampler = setInterval(sampleRss, RSS_SAMPLE_MS);
  let result;
  try {
    result = await measureThroughput(
      port,
      target.path,
      concurrency,
      durationMs,
      target.headers,
      warmupMs,
      target.shape,
    );
  } finally {
    clearInterval(sampler);
  }
  sampleRss();
  const postgresUsed = cpuBetween(postgresBefore, await backends());
  tally.nodeMicros += (await target.server.cpuMicros()) - nodeBefore;
  tally.postgresMicros =
    tally.postgresMicros === null || postgresUsed === null ? null : tally.postgresMicros + postgresUsed;
  tally.requests += result.total;
  tally.rps.push(result.rps);
  tally.failures += result.failures;
  for (const [status, n] of Object.entries(result.failureStatuses))
    tally.failureStatuses[status] = (tally.failureStatuses[status] ?? 0) + n;
}

/**
 * Alternating rounds of two targets (Atrium and its baseline, or two Atrium reads) after one uncounted
 * round each, so a burst of other work on the machine hits both alike.
 */
export async function alternate(
  atrium: Target,
  raw: Target,
  postgres: PostgresCpu,
  settings: RoundSettings,
): Promise<{ atrium: Tally; raw: Tally }> {
  const { concurrency, warmupMs, durationMs } = settings;
  // A first round, not counted: pools open, V8 optimises the hot paths (that takes Atrium a few thousand
  // requests), PostgreSQL caches pages and statements, the OS caches the files.
  await round(atrium, postgres, concurrency, 0, settings.firstRoundMs, newTally());
  await round(raw, postgres, concurrency, 0, settings.firstRoundMs, newTally());
  const tallies = { atrium: newTally(), raw: newTally() };
  for (let i = 0; i < settings.rounds; i++) {
    await round(atrium, postgres, concurrency, warmupMs, durationMs, tallies.atrium);
    await round(raw, postgres, concurrency, warmupMs, durationMs, tallies.raw);
  }
  return tallies;
}

/** "Node 310 + PostgreSQL 420 µs" per request. */
export function perRequest(tally: Tally): string {
  const node = Math.round(tally.nodeMicros / tally.requests);
  if (tally.postgresMicros === null) return `Node ${node} µs`;
  return `Node ${node} + PostgreSQL ${Math.round(tally.postgresMicros / tally.requests)} µs`;
}
