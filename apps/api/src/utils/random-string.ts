import { randomBytes } from 'node:crypto';
import { invalidQuery } from '@atrium/core';

/** URL-safe characters, 64 of them: a random byte's low 6 bits pick one without bias. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
export const RANDOM_STRING_MAX = 500;
const RANDOM_STRING_DEFAULT = 32;

export function randomString(length: number): string {
  let text = '';
  for (const byte of randomBytes(length)) text += ALPHABET[byte & 63];
  return text;
}

/** `length` as Directus takes it: absent → 32, else a whole number from 1 to 500. */
export function randomStringLength(value: unknown): number {
  if (value === undefined || value === '') return RANDOM_STRING_DEFAULT;
  const length = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
  if (!Number.isInteger(length) || length < 1)
    throw invalidQuery('"length" has to be a whole number from 1.');
  if (length > RANDOM_STRING_MAX) {
    throw invalidQuery(`"length" can't be more than ${RANDOM_STRING_MAX} characters.`);
  }
  return length;
}
