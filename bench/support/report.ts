import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where a bench writes its JSON: bench/results by default; the smoke test points BENCH_RESULTS_DIR elsewhere. */
export const RESULTS_DIR = path.resolve(
  process.env.BENCH_RESULTS_DIR ?? path.join(__dirname, '..', 'results'),
);

/** The commit measured and whether tracked files differed from it (null outside a git checkout). */
export function commitMeasured(): { commit: string | null; dirty: boolean | null } {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: __dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    return {
      commit: git('rev-parse', 'HEAD'),
      dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** The 1/5/15-minute load averages, which req/s and latencies move with on a shared machine. */
export const loadAverage = (): number[] => os.loadavg().map((x) => Number(x.toFixed(2)));

/** What every report starts with: the commit, when and how long, and the machine with its load. */
export function runFacts(startedAt: Date, loadAverageBefore: number[]) {
  return {
    ...commitMeasured(),
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cores: os.availableParallelism(),
      loadAverageBefore,
      loadAverageAfter: loadAverage(),
      node: process.version,
    },
  };
}

/**
 * Writes one run's report as `<start time, : and . as ->-<first 10 hex digits of the commit>.json` and
 * answers the file's path.
 */
export function writeReport(
  startedAt: Date,
  report: { commit: string | null } & Record<string, unknown>,
): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `${stamp}-${(report.commit ?? 'unknown').slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** A markdown table, its header row first. */
export function markdownTable(rows: string[][]): string {
  return rows
    .map((row, i) => `| ${row.join(' | ')} |${i === 0 ? `\n|${' --- |'.repeat(row.length)}` : ''}`)
    .join('\n');
}
