import { invalidPayload } from '@atrium/core';
import { isUrlAllowed } from './url-allow-list';

/**
 * The page a mailed link opens: the caller's URL when the allow list holds it (else 400 INVALID_PAYLOAD),
 * otherwise the project's admin app under `PUBLIC_URL`. Never derived from the request's Host or
 * X-Forwarded-Host headers, which a client controls (reset-link poisoning).
 */
export function linkBase(options: {
  requested: string | undefined;
  allowList: readonly string[];
  publicUrl: string;
  project: string;
  adminPath: 'reset-password' | 'accept-invite';
  purpose: string;
}): string {
  if (options.requested !== undefined) {
    if (!isUrlAllowed(options.requested, options.allowList)) {
      throw invalidPayload(`URL "${options.requested}" can't be used to ${options.purpose}.`);
    }
    return options.requested;
  }
  return `${options.publicUrl}/${encodeURIComponent(options.project)}/admin/${options.adminPath}`;
}

/** `base` with `token=<token>` set through the URL API (any `token` the base carried is replaced). */
export function linkWithToken(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.toString();
}
