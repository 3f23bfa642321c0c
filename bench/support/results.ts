// What every bench writes beside its table: the commit measured, the machine's load, and one JSON file per
// run under bench/results/ (see bench/results/README.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where results go: bench/results unless BENCH_RESULTS_DIR says (the smoke test uses a temp dir). */
export const RESULTS_DIR = path.resolve(
  process.env.BENCH_RESULTS_DIR ?? path.join(__dirname, '..', 'results'),
);

/** `git rev-parse HEAD`, and whether tracked files differ from it (null outside a checkout). */
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

export const mib = (bytes: number | null) =>
  bytes === null ? null : Math.round((bytes / 2 ** 20) * 10) / 10;
export const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)));

/** Cores, load averages before and after, and Node's version. */
export function machine(loadAverageBefore: number[]) {
  return {
    cores: os.availableParallelism(),
    loadAverageBefore,
    loadAverageAfter: loadAverage(),
    node: process.version,
  };
}

/** Writes `report` as `<start time>-<commit>.json` into RESULTS_DIR; answers the file's path. */
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
