import { invalidQuery } from '@atrium/core';

/** JSON text → its value; text that isn't JSON is a 400 with `message`. */
export function parseJson(text: string, message: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidQuery(message);
  }
}

/**
 * `a,b` / `["a","b"]` (JSON) / `fields[]=a&fields[]=b` / `fields[]=a,b` → `['a','b']`, trimmed, empties dropped.
 * Commas inside parentheses (`json(data, a.b)`) do not split.
 */
export function parseList(input: unknown, name: string): string[] | null {
  if (input === undefined || input === null) return null;
  const items = Array.isArray(input) ? input : [input];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw invalidQuery(`"${name}" must be a list of strings.`);
    let text = item.trim();
    if (text.startsWith('[')) {
      const parsed = parseJson(text, `Invalid JSON for "${name}".`);
      if (!Array.isArray(parsed) || parsed.some((entry) => typeof entry !== 'string')) {
        throw invalidQuery(`Invalid JSON for "${name}".`);
      }
      out.push(...(parsed as string[]).map((entry) => entry.trim()).filter(Boolean));
      continue;
    }
    let depth = 0;
    let start = 0;
    text += ',';
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '(') depth++;
      else if (char === ')') depth = Math.max(0, depth - 1);
      else if (char === ',' && depth === 0) {
        const part = text.slice(start, i).trim();
        if (part) out.push(part);
        start = i + 1;
      }
    }
  }
  return out;
}

/** An integer parameter: a JS number or its decimal text; `min` bounds it from below. */
export function parseInteger(input: unknown, name: string, min: number): number | null {
  if (input === undefined || input === null || input === '') return null;
  const value =
    typeof input === 'number'
      ? input
      : typeof input === 'string' && /^-?\d{1,15}$/.test(input.trim())
        ? Number(input)
        : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw invalidQuery(
      `"${name}" must be an integer${min === 0 ? ' ≥ 0' : min === -1 ? ' ≥ -1' : ` ≥ ${min}`}.`,
    );
  }
  return value;
}

/** An object parameter given as JSON text or in bracket form. */
export function parseObject(input: unknown, name: string): Record<string, unknown> | null {
  if (input === undefined || input === null || input === '') return null;
  const value = typeof input === 'string' ? parseJson(input, `Invalid JSON for "${name}".`) : input;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidQuery(`"${name}" must be an object.`);
  return value as Record<string, unknown>;
}
