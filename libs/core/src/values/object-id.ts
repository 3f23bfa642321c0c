const ids = new WeakMap<object, number>();
let lastId = 0;

/**
 * A number per object, never reused while the process runs: a cache key built from it never names an
 * object (a schema snapshot, a permission set) that came after the one it was built for.
 */
export function objectId(object: object): number {
  let id = ids.get(object);
  if (id === undefined) {
    id = ++lastId;
    ids.set(object, id);
  }
  return id;
}
