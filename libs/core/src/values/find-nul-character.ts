import { AtriumException, invalidPayload } from '../errors/atrium.exception';

/**
 * PostgreSQL stores no U+0000 in `text` or `jsonb` (it answers 22021 / 22P05), so a NUL in a request value would
 * only fail at the database, after earlier statements of the request ran. This finds the first one, in a
 * string value or in an object key, and names the field it is in: `title`, `author.name`, `tags[2]`. A batch's
 * own index is left out (`[{"title": …}]` names `title`, as Directus names fields). Null when there is none.
 */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findNulCharacter(value[index], path ? `${path}[${index}]` : '');
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath.replaceAll('\u0000', '\\0');
    const found = findNulCharacter(child, childPath);
    if (found !== null) return found;
  }
  return null;
}

/** 400 INVALID_PAYLOAD naming the field that holds a NUL character. */
export const nulCharacterError = (field: string): AtriumException =>
  invalidPayload(`"${field}" contains a NUL character, which can't be stored.`, { field });

/** Throws `nulCharacterError` before anything is written when `value` holds a NUL character. */
export function assertNoNulCharacter(value: unknown): void {
  const field = findNulCharacter(value);
  if (field !== null) throw nulCharacterError(field);
}
