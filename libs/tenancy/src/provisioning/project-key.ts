/** Keys are URL segments and database-name suffixes: lowercase, short, starting with a letter (DESIGN §2). */
export const PROJECT_KEY_PATTERN = /^[a-z][a-z0-9_-]{1,39}$/;

/**
 * First path segments the platform uses or may use itself, and names that would confuse a reader of a URL.
 * A project named `server` would shadow `/server/*` (directus/api-next#139).
 */
export const RESERVED_PROJECT_KEYS: ReadonlySet<string> = new Set([
  'server',
  'auth',
  'items',
  'assets',
  'graphql',
  'admin',
  'api',
  'health',
  'metrics',
  'ready',
  'live',
  'alive',
  'ping',
  'info',
  'specs',
  'projects',
  'project',
  'interfaces',
  'modules',
  'layouts',
  'types',
  'extensions',
  'websocket',
  'static',
  'public',
  'docs',
  'system',
  'postgres',
  'template0',
  'template1',
  'default',
  'null',
  'undefined',
]);

/** Why a key is unusable, or `null` when it is fine. */
export function projectKeyProblem(key: unknown): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'Project key is required.';
  if (!PROJECT_KEY_PATTERN.test(key)) {
    return 'Project key must be 2-40 characters: lowercase letters, digits, "_" or "-", starting with a letter.';
  }
  if (RESERVED_PROJECT_KEYS.has(key)) return `Project key "${key}" is reserved.`;
  return null;
}

/** Cheap pre-check for the resolver: anything failing it cannot be a project, so no lookup is needed. */
export function couldBeProjectKey(key: string): boolean {
  return PROJECT_KEY_PATTERN.test(key) && !RESERVED_PROJECT_KEYS.has(key);
}
