import { assetUrl } from './reference-assets';

/** Swagger UI sets styles inline; scripts and everything else come from this origin only. */
export const REFERENCE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The interactive reference page for the OpenAPI document beside it (`…/specs/oas`). */
export function referencePage(title: string, base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assetUrl(base, 'swagger-ui.css')}">
</head>
<body>
<main id="reference"></main>
<script src="${assetUrl(base, 'swagger-ui-bundle.js')}"></script>
<script src="${assetUrl(base, 'start.js')}"></script>
</body>
</html>
`;
}
