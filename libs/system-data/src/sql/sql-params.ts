/** Collects bound values while a statement is built; `add` returns the placeholder to put in the SQL. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** A bound list of primary keys, cast so PostgreSQL never has to guess its type. */
export function keyArray(params: SqlParams, keys: readonly unknown[], keyType: 'uuid' | 'integer'): string {
  return `${params.add(keys)}::${keyType === 'uuid' ? 'uuid' : 'int4'}[]`;
}
