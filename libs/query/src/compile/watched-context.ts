import type { QueryContext } from '../query-types';

/**
 * `context` as a compilation sees it, noting whether anything read a dynamic value ($NOW, $CURRENT_USER…).
 * A statement built without reading one is the same for every request of its schema, access and query, so
 * it may be reused; one that read one holds this request's values and must not be.
 */
export function watchedContext(context: QueryContext): { context: QueryContext; wasRead: () => boolean } {
  let read = false;
  const watched: QueryContext = {
    get userId() {
      read = true;
      return context.userId;
    },
    get roleId() {
      read = true;
      return context.roleId;
    },
    get now() {
      read = true;
      return context.now;
    },
    get roles() {
      read = true;
      return context.roles;
    },
    get policies() {
      read = true;
      return context.policies;
    },
    get variables() {
      read = true;
      return context.variables;
    },
  };
  return { context: watched, wasRead: () => read };
}
