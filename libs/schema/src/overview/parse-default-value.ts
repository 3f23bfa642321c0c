import type { DirectusType } from './schema-overview';

const NUMERIC_TYPES: ReadonlySet<DirectusType> = new Set(['integer', 'bigInteger', 'float', 'decimal']);

/** `'it''s'::character varying` (any chain of casts after one quoted literal). */
const QUOTED_LITERAL = /^'((?:[^']|'')*)'(?:::[a-z_][\w ."[\]]*(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*)*$/i;
const NULL_LITERAL = /^null(?:::.+)?$/i;
const NUMBER_LITERAL = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:::[a-z_][\w ]*(?:\(\d+(?:,\s*\d+)?\))?)?$/i;
const BOOLEAN_LITERAL = /^(true|false)(?:::boolean)?$/i;

/** Removes parentheses wrapping the whole expression: `(-1)` → `-1`, not `(a)::b`. */
function unwrap(expression: string): string {
  let current = expression.trim();
  while (current.startsWith('(') && current.endsWith(')') && closesAtEnd(current)) {
    current = current.slice(1, -1).trim();
  }
  return current;
}

/** Whether the parenthesis opened at index 0 is the one closed at the last character. */
function closesAtEnd(expression: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < expression.length; index++) {
    const char = expression[index];
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth === 0) return index === expression.length - 1;
  }
  return false;
}

function coerce(value: string, type: DirectusType): unknown {
  if (NUMERIC_TYPES.has(type) && value.trim() !== '' && Number.isFinite(Number(value))) {
    const number = Number(value);
    // A bigint beyond 2^53 would silently change as a JS number: Directus returns such values as strings.
    if (type === 'bigInteger' && !Number.isSafeInteger(number)) return value;
    return number;
  }
  if (type === 'boolean' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

/**
 * A column default as Directus shows it in `field.schema.default_value`, from the expression PostgreSQL
 * stores (`pg_get_expr`): literals lose their quotes and casts and become numbers or booleans where the
 * field's type says so; anything computed (`now()`, `CURRENT_TIMESTAMP`, `gen_random_uuid()`,
 * `nextval('…'::regclass)`) is kept as the expression text, because the API and the DDL builders recognise
 * those strings.
 */
export function parseDefaultValue(expression: string | null, type: DirectusType): unknown {
  if (expression === null) return null;
  const value = unwrap(expression);
  if (value.startsWith('nextval(')) return value;
  if (NULL_LITERAL.test(value)) return null;
  const quoted = QUOTED_LITERAL.exec(value);
  if (quoted) return coerce(quoted[1].replace(/''/g, "'"), type);
  const bool = BOOLEAN_LITERAL.exec(value);
  if (bool) return bool[1].toLowerCase() === 'true';
  if (NUMBER_LITERAL.test(value)) {
    const literal = value.split('::')[0];
    return coerce(literal, NUMERIC_TYPES.has(type) ? type : 'float');
  }
  return expression.trim();
}
