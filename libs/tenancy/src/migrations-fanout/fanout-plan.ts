import type { ProjectEntity } from '../registry/project.entity';

/** The registry facts the plan reads. */
export type FanoutCandidate = Pick<ProjectEntity, 'key' | 'status' | 'tenantMigration'>;

export interface FanoutPlan<T extends FanoutCandidate> {
  /** Projects whose database is behind, in key order: the order they are migrated in. */
  pending: T[];
  /** Keys of projects the registry already records at `latest`. */
  upToDate: string[];
}

/**
 * Key order by code unit, not locale: the same order on every machine, so `--from` resumes where an
 * earlier run's output says it stopped.
 */
export function compareProjectKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Which projects a fan-out visits: active and suspended ones (a suspended project comes back on the current
 * schema; one still being provisioned gets the template's, which is already current), ordered by key,
 * starting at `from` when given (that key or the next one after it). A project whose registry row records
 * `latest` is done — that record, written after each project, is what makes an interrupted run resumable.
 */
export function planFanout<T extends FanoutCandidate>(
  projects: readonly T[],
  options: { latest: string; from?: string },
): FanoutPlan<T> {
  const from = options.from;
  const visited = projects
    .filter((project) => project.status !== 'provisioning')
    .filter((project) => from === undefined || compareProjectKeys(project.key, from) >= 0)
    .sort((a, b) => compareProjectKeys(a.key, b.key));
  return {
    pending: visited.filter((project) => project.tenantMigration !== options.latest),
    upToDate: visited
      .filter((project) => project.tenantMigration === options.latest)
      .map((project) => project.key),
  };
}
