import contentDisposition from 'content-disposition';

/**
 * Types a browser would run or render as a page: never shown inline from the API's origin (a stored SVG or
 * HTML with a script would otherwise execute with the API's cookies and origin).
 */
const ACTIVE_TYPES =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|[a-z]+\/[a-z0-9.+-]*\+xml|text\/javascript|application\/javascript|application\/x-shockwave-flash|application\/pdf)(;|$)/i;

export function isActiveContent(type: string): boolean {
  return ACTIVE_TYPES.test(type.trim());
}

/**
 * `Content-Disposition`: inline with the download name, `attachment` when the client asked (`?download`)
 * or the type is active. Non-ASCII names get the RFC 6266 `filename*` form.
 */
export function dispositionOf(filename: string, type: string, download: boolean): string {
  const kind = download || isActiveContent(type) ? 'attachment' : 'inline';
  return contentDisposition(filename, { type: kind });
}

/**
 * `Cache-Control` as Directus sends it: `public` for an anonymous request, `private` once the request is
 * authenticated (a shared cache must not hand one user's file to another).
 */
export function cacheControlOf(authenticated: boolean, ttlMs: number): string {
  return `${authenticated ? 'private' : 'public'}, max-age=${Math.floor(ttlMs / 1000)}`;
}

/** Sent with every asset: nothing in it may run scripts, load resources or be sniffed into another type. */
export const ASSET_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
} as const;
