const FUNCTIONS = new Set(['year', 'month', 'week', 'day', 'weekday', 'hour', 'minute', 'second', 'count']);
const FUNCTION_KEY = /^(.+)_func$/;
const M2A_KEY = /^(.+?)__(.+)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A GraphQL filter argument as the REST filter it stands for: `<field>_func: {year: {_eq: 2024}}` is
 * `year(<field>): {_eq: 2024}`, and an m2a's `<field>__<collection>` is the scope `<field>:<collection>`.
 * Everything else (operators, `_and`, `_some`, dynamic values) is the REST language already.
 */
export function toItemsFilter(filter: unknown): unknown {
  if (Array.isArray(filter)) return filter.map(toItemsFilter);
  if (!isObject(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    const call = FUNCTION_KEY.exec(key);
    if (call && isObject(value) && Object.keys(value).every((name) => FUNCTIONS.has(name))) {
      for (const [fn, operators] of Object.entries(value))
        out[`${fn}(${call[1]})`] = toItemsFilter(operators);
      continue;
    }
    const scoped = key.startsWith('_') ? null : M2A_KEY.exec(key);
    out[scoped ? `${scoped[1]}:${scoped[2]}` : key] = toItemsFilter(value);
  }
  return out;
}
