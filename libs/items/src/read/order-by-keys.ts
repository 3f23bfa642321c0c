export type JsonRow = Record<string, unknown>;

/**
 * Rows in the order of `keys` (each key once; keys without a row are skipped), matched on `primary`. When
 * the key was only added to the read to do this (`dropKey`), it is removed again.
 */
export function orderByKeys(
  rows: readonly JsonRow[],
  primary: string,
  keys: readonly unknown[],
  dropKey: boolean,
): JsonRow[] {
  const byKey = new Map(rows.map((row) => [String(row[primary]), row]));
  const ordered: JsonRow[] = [];
  for (const key of new Set(keys.map(String))) {
    const row = byKey.get(key);
    if (!row) continue;
    if (dropKey) {
      const { [primary]: _key, ...rest } = row;
      ordered.push(rest);
    } else ordered.push(row);
  }
  return ordered;
}
