import type { InvalidationBus } from '@atrium/redis';
import { projectInstanceId } from '../registry/project-instance-id';
import type { ProjectInstanceRef } from '../registry/project-instance-cache';

/** Bus topic: a project was deleted; every instance drops what it cached about it. */
export const PROJECT_DELETED_TOPIC = 'project-deleted';

/**
 * Which project went: its key (for caches holding one slot per key) and its instance id (for caches keyed
 * by it, such as schema snapshots), so neither kind has to take the id apart.
 */
export interface ProjectDeleted {
  key: string;
  instance: string;
}

export function encodeProjectDeleted(project: ProjectInstanceRef): string {
  return JSON.stringify({ key: project.key, instance: projectInstanceId(project) });
}

/** The message, or null for anything malformed (another sender, another format): those are ignored. */
export function decodeProjectDeleted(message: string): ProjectDeleted | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { key, instance } = parsed as Record<string, unknown>;
  if (typeof key !== 'string' || key === '' || typeof instance !== 'string' || instance === '') return null;
  return { key, instance };
}

/** Runs `handler` on this instance whenever any instance deletes a project. */
export function onProjectDeleted(bus: InvalidationBus, handler: (deleted: ProjectDeleted) => void): void {
  bus.on(PROJECT_DELETED_TOPIC, (message) => {
    const deleted = decodeProjectDeleted(message);
    if (deleted) handler(deleted);
  });
}
