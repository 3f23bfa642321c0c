import { escapeHtml } from './escape-html';

/** A mail whose point is one link: password reset, invitation… */
export interface LinkMailContent {
  subject: string;
  heading: string;
  /** Paragraphs before the link, as plain text. */
  paragraphs: string[];
  linkLabel: string;
  url: string;
  /** A closing line after the link, as plain text. */
  footer?: string;
}

/** Control characters (CR/LF above all) have no place in a header or a one-line label. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/**
 * Renders the HTML and plain-text bodies of a link mail. Everything interpolated is escaped (the link included,
 * in its `href` and as visible text), so neither a project name nor a query parameter of an allow-listed URL can
 * inject markup.
 */
export function renderLinkMail(content: LinkMailContent): { subject: string; html: string; text: string } {
  const url = escapeHtml(content.url);
  const paragraphs = content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  const footer = content.footer ? `<p>${escapeHtml(content.footer)}</p>` : '';
  const html = [
    '<!doctype html>',
    '<html><body>',
    `<h1>${escapeHtml(oneLine(content.heading))}</h1>`,
    paragraphs,
    `<p><a href="${url}">${escapeHtml(oneLine(content.linkLabel))}</a></p>`,
    `<p>${url}</p>`,
    footer,
    '</body></html>',
  ]
    .filter((line) => line.length > 0)
    .join('\n');
  const text = [
    oneLine(content.heading),
    '',
    ...content.paragraphs,
    '',
    content.url,
    '',
    content.footer ?? '',
  ]
    .join('\n')
    .trimEnd();
  return { subject: oneLine(content.subject), html, text: `${text}\n` };
}
