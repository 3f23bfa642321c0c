import { quoteIdent } from '@atrium/tenancy';

/** Collects bound values and hands out table aliases while one statement is built. */
export class SqlBuilder {
  readonly values: unknown[] = [];
  private aliases = 0;

  /** A placeholder bound to `value`; `cast` names a SQL type when PostgreSQL can't infer one. */
  param(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  alias(): string {
    return `t${this.aliases++}`;
  }
}

/**
 * A page size or offset written into the statement rather than bound: with a parameter there, PostgreSQL
 * never settles on a reusable plan for a prepared read and plans every request again. Only a validated
 * non-negative safe integer can get here; anything else is a bug, never user text.
 */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a page bound: ${String(value)}`);
  return String(value);
}

export function column(alias: string, name: string): string {
  return `${alias}.${quoteIdent(name)}`;
}

export { quoteIdent };

/** PostgreSQL functions take at most 100 arguments: past 50 pairs, build the object from a row instead. */
export function jsonObject(pairs: ReadonlyArray<readonly [string, string]>, builder: SqlBuilder): string {
  if (pairs.length <= 50) {
    return `json_build_object(${pairs.map(([key, value]) => `${builder.param(key, 'text')}, ${value}`).join(', ')})`;
  }
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) chunks.push(jsonObject(pairs.slice(i, i + 50), builder));
  // jsonb would reorder keys; concatenating the texts of the chunks keeps Directus's field order.
  return `(${chunks.map((chunk, i) => (i === 0 ? `left(${chunk}::text, -1)` : `substr(${chunk}::text, 2)`)).join(" || ', ' || ")})::json`;
}

export function table(name: string): string {
  return quoteIdent(name);
}
