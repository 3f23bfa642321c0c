/** Query parameters that carry credentials and must never reach a log line (GHSA-vw58-ph65-6rxp). */
const SECRET_PARAMS = /([?&](?:access_token|super_admin_token|refresh_token|token|password)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[REDACTED]');
}
