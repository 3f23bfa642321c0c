/**
 * True when `url` may receive a token link: an http(s) URL without credentials whose origin (scheme, host
 * and port) and path equal one entry of the allow list. Query and fragment are free — the app may want its own
 * parameters — so everything put in a mail from the URL is escaped (GHSA-4hmq-ggrm-qfc6).
 *
 * Stricter than Directus, which compares host and path only: `http://` and another port of an allowed host
 * could otherwise receive reset tokens.
 */
export function isUrlAllowed(url: string, allowList: readonly string[]): boolean {
  const candidate = linkTarget(url);
  if (candidate === null) return false;
  return allowList.some((entry) => linkTarget(entry) === candidate);
}

function linkTarget(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return `${url.origin}${url.pathname}`;
}
