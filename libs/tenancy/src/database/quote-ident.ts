/** Quotes a PostgreSQL identifier. Callers pass only names they validated or read from the catalog. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a string literal, for the few statements that take no parameters (a `DO` block). With
 * standard_conforming_strings (on since PostgreSQL 9.1) doubling the quotes is all there is to it.
 */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
