import { PROJECT_KEY_PATTERN } from '@atrium/tenancy';

/**
 * The key prefix of one project's objects in a bucket: `<STORAGE_<LOCATION>_ROOT>/<project>/`. Writes go
 * under it and the project's deletion removes everything under it, so both must name it the same way; the
 * trailing `/` keeps project `ab` from matching `abc`'s objects.
 */
export function projectObjectPrefix(root: string, projectKey: string): string {
  // Keys were validated at provisioning; checking again keeps a bad call from reaching another project.
  if (!PROJECT_KEY_PATTERN.test(projectKey)) throw new Error(`invalid project key ${projectKey}`);
  return root === '' ? `${projectKey}/` : `${root}/${projectKey}/`;
}
