import { Injectable, Logger } from '@nestjs/common';
import { invalidPayload } from '@atrium/core';
import { latestTenantMigrationName, migrateTenantDatabase } from '../migrations';
import { ProjectEntity } from '../registry/project.entity';
import { ProjectRegistry } from '../registry/project-registry';
import { DbServers } from '../servers/db-servers';
import { compareProjectKeys, planFanout } from './fanout-plan';
import { runBounded } from './run-bounded';

export const DEFAULT_FANOUT_CONCURRENCY = 4;

/** What happened to one project: the migrations applied to it, or why there was nothing to do. */
type ProjectOutcome = string[] | 'up-to-date' | 'vanished';

/** Where a project-level event stands in the run: `done` of `of` pending projects are finished. */
interface Position {
  key: string;
  done: number;
  of: number;
}

export type FanoutEvent =
  | { type: 'planned'; latest: string; pending: number; upToDate: number }
  | (Position & { type: 'migrated'; applied: string[]; ms: number })
  /** Brought up to date by someone else (the API's lazy upgrade, a parallel run) since the plan was made. */
  | (Position & { type: 'up-to-date' })
  /** Deleted (or back to provisioning) since the plan was made: nothing to do. */
  | (Position & { type: 'vanished' })
  | (Position & { type: 'failed'; error: string });

export interface FanoutOptions {
  /** Start at this key (or the next one after it in key order). */
  from?: string;
  /** Databases migrated at once; each holds one connection while it runs. Default 4. */
  concurrency?: number;
  /** Called once per event, synchronously; if it throws, no further project starts and the run rejects. */
  onProgress?: (event: FanoutEvent) => void;
  /** Aborting lets the projects in flight finish and record themselves, starts no others, and resolves. */
  signal?: AbortSignal;
}

export interface FanoutResult {
  /** The tenant migration every visited project is brought to. */
  latest: string;
  /** Keys migrated by this run, in key order. */
  migrated: string[];
  /** Keys that were already at `latest`, in key order. */
  upToDate: string[];
  failed: Array<{ key: string; error: string }>;
  /** True when `signal` stopped the run before every pending project started: run again to resume. */
  interrupted: boolean;
}

/**
 * Brings every project's database to the current tenant migration (DESIGN §4, "Migrations fan-out"), a
 * few at a time. Resumable: each project is recorded in the registry as soon as it is done and skipped by
 * the next run, so an interrupted or partly failed run is simply run again. One project's failure is
 * recorded and does not stop the others.
 */
@Injectable()
export class TenantMigrationFanout {
  private readonly logger = new Logger(TenantMigrationFanout.name);

  constructor(
    private readonly registry: ProjectRegistry,
    private readonly servers: DbServers,
  ) {}

  async migrateAll(options: FanoutOptions = {}): Promise<FanoutResult> {
    const concurrency = options.concurrency ?? DEFAULT_FANOUT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw invalidPayload('"concurrency" must be a positive integer.', { field: 'concurrency' });
    }
    const started = Date.now();
    const latest = latestTenantMigrationName();
    const plan = planFanout(await this.registry.list(), { latest, from: options.from });
    const notify = options.onProgress ?? (() => undefined);
    notify({ type: 'planned', latest, pending: plan.pending.length, upToDate: plan.upToDate.length });

    const result: FanoutResult = {
      latest,
      migrated: [],
      upToDate: [...plan.upToDate],
      failed: [],
      interrupted: false,
    };
    let done = 0;
    const position = (key: string): Position => ({ key, done: ++done, of: plan.pending.length });

    const startedCount = await runBounded(
      plan.pending,
      concurrency,
      async (project) => {
        const projectStarted = Date.now();
        let outcome: ProjectOutcome;
        try {
          outcome = await this.migrateOne(project.key, latest);
        } catch (error) {
          const message = describeFanoutFailure(error);
          result.failed.push({ key: project.key, error: message });
          notify({ type: 'failed', error: message, ...position(project.key) });
          return;
        }
        if (outcome === 'vanished' || outcome === 'up-to-date') {
          if (outcome === 'up-to-date') result.upToDate.push(project.key);
          notify({ type: outcome, ...position(project.key) });
          return;
        }
        result.migrated.push(project.key);
        notify({
          type: 'migrated',
          applied: outcome,
          ms: Date.now() - projectStarted,
          ...position(project.key),
        });
      },
      () => options.signal?.aborted === true,
    );

    result.interrupted = startedCount < plan.pending.length;
    // Completion order depends on timing; reports read better (and compare in tests) in key order.
    result.migrated.sort(compareProjectKeys);
    result.upToDate.sort(compareProjectKeys);
    result.failed.sort((a, b) => compareProjectKeys(a.key, b.key));
    this.logger.log(
      {
        latest,
        migrated: result.migrated.length,
        upToDate: result.upToDate.length,
        failed: result.failed.length,
        interrupted: result.interrupted,
        ms: Date.now() - started,
      },
      'tenant migration fan-out finished',
    );
    return result;
  }

  /**
   * Re-reads the row first: between the plan and this project's turn it may have been migrated by the API's
   * lazy upgrade or deleted. The registry is updated only after every pending migration committed.
   */
  private async migrateOne(key: string, latest: string): Promise<ProjectOutcome> {
    const project: ProjectEntity | null = await this.registry.findFresh(key);
    if (!project || project.status === 'provisioning') return 'vanished';
    if (project.tenantMigration === latest) return 'up-to-date';
    const applied = await migrateTenantDatabase({
      connectionString: this.servers.tenantUrl(project.dbServer, project.dbName),
    });
    await this.registry.update(key, { tenantMigration: latest });
    return applied;
  }
}

/** One line for a report: the error's message, with PostgreSQL's SQLSTATE when there is one. */
export function describeFanoutFailure(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !message.includes(code)
    ? `${message} (${code})`
    : message || 'unknown error';
}
