/**
 * What is wrong with a cluster's PG_VERSION for a server of `serverMajor`, or undefined when it matches.
 * A different major means the on-disk format differs: the server would refuse it with a less helpful message.
 */
export function pgVersionProblem(
  content: string,
  serverMajor: number,
  clusterDir: string,
): string | undefined {
  const text = content.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return (
      `${clusterDir}/PG_VERSION does not hold a version (${JSON.stringify(text.slice(0, 20))}): the data directory looks ` +
      `damaged; restore it from a backup, or move it away to let a fresh cluster be created.`
    );
  }
  const major = Number.parseInt(text, 10);
  if (major === serverMajor) return undefined;
  const fix =
    major < serverMajor
      ? `upgrade it with pg_upgrade (or pg_dump from PostgreSQL ${text} and restore)`
      : `use a newer Atrium, or pg_dump it with PostgreSQL ${text} and restore`;
  return (
    `${clusterDir} was created by PostgreSQL ${text}, but the embedded server is PostgreSQL ${serverMajor}; ` +
    `${fix}, or move it away to start with an empty database.`
  );
}
