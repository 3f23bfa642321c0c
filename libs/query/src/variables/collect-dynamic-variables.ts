import { DYNAMIC_PATH } from '../validate/dynamic-values';

/**
 * The distinct `$CURRENT_USER.<path>` / `$CURRENT_ROLE.<path>` texts used as values anywhere in `filters`:
 * raw Directus filter objects (permission rules, presets) or parsed queries (whose operator values are raw),
 * so the permissions layer can prefetch them in one read per source. CSV text (`_in: "a,$CURRENT_USER.b"`)
 * counts item by item, as the compiler reads it. Object keys are never values; the walk is iterative, so
 * any nesting is safe.
 */
export function collectDynamicVariables(filters: readonly unknown[]): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const stack: unknown[] = [...filters];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (!value.includes('$CURRENT_')) continue;
      for (const item of value.split(',')) {
        const text = item.trim();
        if (DYNAMIC_PATH.test(text)) found.add(text);
      }
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      stack.push(...(Array.isArray(value) ? value : Object.values(value)));
    }
  }
  return [...found].sort();
}
