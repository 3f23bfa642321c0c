import type { ProjectEntity } from './project.entity';

type InstanceFacts = Pick<ProjectEntity, 'key' | 'dbServer' | 'dbName' | 'createdAt'>;

/** Registry rows are cached and shared by requests, so each row's id is worked out once. */
const idsByRow = new WeakMap<InstanceFacts, string>();

/**
 * Names one provisioning of a project. Shared state outside the project's database (Redis counters, caches)
 * is keyed by it, so a project deleted and re-created under the same key, or another platform sharing the
 * Redis, inherits nothing. Asked on every request by several caches; a row is never mutated in place
 * (the registry reloads a changed project), so the memo cannot go stale.
 */
export function projectInstanceId(project: InstanceFacts): string {
  let id = idsByRow.get(project);
  if (id === undefined) {
    id = `${project.key}:${project.dbServer}/${project.dbName}:${project.createdAt.getTime()}`;
    idsByRow.set(project, id);
  }
  return id;
}
