/**
 * Freezes `value` and everything reachable from it, so a cached snapshot shared by every request cannot
 * be changed in place by one of them (STYLE #4): a write throws in strict mode instead of leaking.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
