/** One allowed browser origin: an exact origin (`https://app.example.com`) or a pattern written `/…/flags`. */
export type CorsOrigin = string | RegExp;

const PATTERN = /^\/(.+)\/([a-z]*)$/;

/**
 * Reads one entry of an origin list (`CORS_ORIGIN`, a project's `cors_origins`). Returns the origin or pattern,
 * or a sentence saying why the entry is not one.
 */
export function parseCorsOrigin(entry: string): CorsOrigin | { problem: string } {
  const pattern = PATTERN.exec(entry);
  if (pattern) {
    try {
      return new RegExp(pattern[1], pattern[2]);
    } catch (error) {
      return { problem: `${entry} is not a valid regular expression (${(error as Error).message})` };
    }
  }
  if (entry === '*') return entry;
  let origin: string;
  try {
    origin = new URL(entry).origin;
  } catch {
    origin = 'null';
  }
  // A browser sends `scheme://host[:port]` and nothing more: a path or a trailing slash would never match.
  return origin !== 'null' && origin === entry
    ? entry
    : { problem: `${entry} is not an origin such as https://app.example.com, or a /pattern/` };
}

/** Reads a whole list; the problems name each bad entry. */
export function parseCorsOrigins(entries: readonly string[]): { origins: CorsOrigin[]; problems: string[] } {
  const origins: CorsOrigin[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const parsed = parseCorsOrigin(entry);
    if (typeof parsed === 'string' || parsed instanceof RegExp) origins.push(parsed);
    else problems.push(parsed.problem);
  }
  return { origins, problems };
}
