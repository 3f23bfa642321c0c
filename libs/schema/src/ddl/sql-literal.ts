/** What `sqlLiteral` can emit: nothing else ever reaches DDL text as a value. */
export type SqlLiteralType = 'number' | 'boolean' | 'string' | 'json';

/** A plain or exponent number as PostgreSQL reads a numeric constant; no sign games, no spaces. */
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Renders a value as a SQL literal of one of four shapes: a number, `true`/`false`, a quoted string, or a
 * quoted string cast to `json`. Callers validate values first; anything that does not fit its shape is a
 * programming error and throws a TypeError rather than reaching SQL.
 */
export function sqlLiteral(value: unknown, type: SqlLiteralType): string {
  switch (type) {
    case 'number':
      return numberLiteral(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError('sqlLiteral: expected a boolean');
      return value ? 'true' : 'false';
    case 'string':
      if (typeof value !== 'string') throw new TypeError('sqlLiteral: expected a string');
      return quoteString(value);
    case 'json': {
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError('sqlLiteral: value has no JSON form');
      return `${quoteString(text)}::json`;
    }
    default:
      throw new TypeError('sqlLiteral: unknown literal type');
  }
}

function numberLiteral(value: unknown): string {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(Object.is(value, -0) ? 0 : value)
      : typeof value === 'string'
        ? value
        : null;
  if (text === null || !NUMBER_TEXT.test(text)) throw new TypeError('sqlLiteral: expected a finite number');
  return text;
}

/**
 * A string constant that means the same whatever `standard_conforming_strings` says: quotes are doubled,
 * and a string holding a backslash becomes an escape string (`E'…'`) with its backslashes doubled, as
 * PostgreSQL's own `quote_literal` does. NUL can't be stored in PostgreSQL text at all.
 */
function quoteString(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('sqlLiteral: strings may not contain NUL');
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
