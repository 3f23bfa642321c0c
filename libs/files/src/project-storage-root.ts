import { PROJECT_KEY_PATTERN } from '@atrium/tenancy';
import * as path from 'node:path';

/**
 * The folder holding one project's files on the local disk: `<STORAGE_LOCAL_ROOT>/<project>/`. Storage writes
 * there and the project's deletion removes it, so both must name it the same way.
 */
export function projectStorageRoot(storageLocalRoot: string, projectKey: string): string {
  // Keys were validated at provisioning; checking again keeps a bad call from reaching outside the root.
  if (!PROJECT_KEY_PATTERN.test(projectKey)) throw new Error(`invalid project key ${projectKey}`);
  return path.join(storageLocalRoot, projectKey);
}
