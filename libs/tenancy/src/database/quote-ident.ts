/** Quotes a PostgreSQL identifier. Callers pass only names they validated or read from the catalog. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
