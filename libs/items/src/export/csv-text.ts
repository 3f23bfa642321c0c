/** RFC 4180: a field holding a comma, quote, CR or LF is quoted, with its quotes doubled. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Nested objects and arrays (relations, JSON fields) go in as JSON text.
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvField).join(',')}\r\n`;
}

export function csvRow(columns: readonly string[], row: Readonly<Record<string, unknown>>): string {
  return `${columns.map((column) => csvField(row[column])).join(',')}\r\n`;
}
