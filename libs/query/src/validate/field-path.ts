import { invalidQuery } from '@atrium/core';

/** Splits on the dots that are not inside parentheses (`author.json(meta, a.b)` → `author`, `json(…)`). */
function splitOutsideCalls(path: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '(') depth++;
    else if (path[i] === ')') depth = Math.max(0, depth - 1);
    else if (path[i] === '.' && depth === 0) {
      segments.push(path.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(path.slice(start));
  return segments;
}

const RELATIONAL_JSON = /^json\(\s*([^,()]+\.[^,()]+?)\s*,(.*)\)$/;

/**
 * A field path of `fields` or `sort` → its segments. A function may only end the path; Directus's relational
 * form `json(author.meta, color)` is read as `author.json(meta, color)`, so the value nests under the
 * relation as Directus returns it.
 */
export function splitFieldPath(path: string): string[] {
  const segments = splitOutsideCalls(path);
  if (segments.some((segment) => segment === '')) throw invalidQuery(`Malformed field path "${path}".`);
  const last = segments.pop() as string;
  if (segments.some((segment) => segment.includes('('))) {
    throw invalidQuery(`Malformed field path "${path}": a function can only end it.`);
  }
  const relational = RELATIONAL_JSON.exec(last);
  if (!relational) return [...segments, last];
  const inner = relational[1].split('.');
  if (inner.some((segment) => segment.trim() === '')) throw invalidQuery(`Malformed field path "${path}".`);
  const field = inner.pop() as string;
  return [...segments, ...inner.map((segment) => segment.trim()), `json(${field},${relational[2]})`];
}
