import type { ProjectEntity } from './project.entity';

/**
 * Names one provisioning of a project. Shared state outside the project's database (Redis counters, caches)
 * is keyed by it, so a project deleted and re-created under the same key, or another platform sharing the
 * Redis, inherits nothing.
 */
export function projectInstanceId(
  project: Pick<ProjectEntity, 'key' | 'dbServer' | 'dbName' | 'createdAt'>,
): string {
  return `${project.key}:${project.dbServer}/${project.dbName}:${project.createdAt.getTime()}`;
}
