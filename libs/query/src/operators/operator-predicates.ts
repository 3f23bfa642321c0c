import type { JsTest } from './operator-record';

/**
 * Helpers of the JS predicates. They take values as a payload holds them and operands as a rule stores
 * them (no coercion against the schema), so they compare loosely: numbers as numbers, the rest as text.
 */

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function numeric(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A list operand: an array, or CSV text; anything else is no list at all. */
export function list(operand: unknown): string[] {
  return (Array.isArray(operand) ? operand : typeof operand === 'string' ? operand.split(',') : []).map(
    String,
  );
}

/** The bounds of `_between`; a non-array operand has none, so every comparison with them is false. */
export function bounds(operand: unknown): [number, number] {
  const [low, high] = Array.isArray(operand) ? operand : [];
  return [numeric(low), numeric(high)];
}

/** A flag operand: `true`, or `"true"` as the bracket form writes it. */
export function truthy(operand: unknown): boolean {
  return operand === true || operand === 'true';
}

export function hasNoValue(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** Directus stores regexes as `/body/flags` or a bare body; an invalid one matches nothing. */
export function regexOf(source: string): RegExp | null {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(source);
  try {
    return match ? new RegExp(match[1], match[2]) : new RegExp(source);
  } catch {
    return null;
  }
}

export const includes = (value: string, operand: string): boolean => value.includes(operand);
export const startsWith = (value: string, operand: string): boolean => value.startsWith(operand);
export const endsWith = (value: string, operand: string): boolean => value.endsWith(operand);
export const equals = (value: string, operand: string): boolean => value === operand;

/** The text families, mirroring the SQL's `like()`: `i` compares lowercased, `not` negates. */
export function onText(
  test: (value: string, operand: string) => boolean,
  options: { not?: true; i?: true } = {},
): JsTest {
  const fold = options.i ? (value: unknown) => text(value).toLowerCase() : text;
  return (value, operand) => test(fold(value), fold(operand)) !== (options.not ?? false);
}

/** The orderings: a missing value is never in order. */
export function ordered(test: (value: number, operand: number) => boolean): JsTest {
  return (value, operand) => value !== null && value !== undefined && test(numeric(value), numeric(operand));
}
