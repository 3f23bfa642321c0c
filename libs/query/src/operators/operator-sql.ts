import type { SqlBuild, SqlTerms } from './operator-record';

/** LIKE takes the operand literally: its own `%`, `_` and `\` are escaped (`\` is LIKE's default escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

/** LIKE patterns of the text families: the operand anywhere, at the start, at the end. */
export const anywhere = (value: string): string => `%${escapeLike(value)}%`;
export const atStart = (value: string): string => `${escapeLike(value)}%`;
export const atEnd = (value: string): string => `%${escapeLike(value)}`;

/** The LIKE families: the value as text against the operand wrapped by `pattern`. */
export function like(pattern: (value: string) => string, options: { not?: true; i?: true } = {}): SqlBuild {
  const operator = options.i ? 'ILIKE' : 'LIKE';
  return (terms, operand) =>
    `${options.not ? 'NOT ' : ''}(${terms.text} ${operator} ${terms.bindText(pattern(operand as string))})`;
}

export function comparison(operator: string): SqlBuild {
  return (terms, operand) => `${terms.value} ${operator} ${terms.bind(operand)}`;
}

/** `_ieq`/`_nieq`: both sides lowered as text. */
export function foldedComparison(operator: string): SqlBuild {
  return (terms, operand) => `lower(${terms.text}) ${operator} lower(${terms.bindText(operand as string)})`;
}

/** `_between`/`_nbetween`: two bounds, both inclusive. */
export function range(not: boolean): SqlBuild {
  return (terms, operand) => {
    const [low, high] = operand as [unknown, unknown];
    return `${terms.value} ${not ? 'NOT ' : ''}BETWEEN ${terms.bind(low)} AND ${terms.bind(high)}`;
  };
}

/** The flag operators: `when` holds for a true operand, its negation for a false one (as in Directus). */
export function flag(when: (terms: SqlTerms) => string, otherwise: (terms: SqlTerms) => string): SqlBuild {
  return (terms, operand) => (operand ? when(terms) : otherwise(terms));
}

export const isNull = (terms: SqlTerms): string => `${terms.value} IS NULL`;
export const isNotNull = (terms: SqlTerms): string => `${terms.value} IS NOT NULL`;
export const isEmpty = (terms: SqlTerms): string => terms.empty;
export const isNotEmpty = (terms: SqlTerms): string => `NOT ${terms.empty}`;
