import { escapeHtml } from './escape-html';

/** What an admin asks `POST /:project/mail` to send, once checked. */
export interface MailRequest {
  subject: string;
  /** The message: literal text, or with `{{ name }}` placeholders when `data` fills them. */
  body: string;
  data: Record<string, unknown>;
  /** `txt`: plain text (escaped into the HTML part); `html`: the body is HTML as written. */
  type: 'txt' | 'html';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

/** `data`'s value at a dotted path, as text; a missing value is empty. */
function lookup(data: Record<string, unknown>, path: string): string {
  let value: unknown = data;
  for (const step of path.split('.')) {
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  }
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const fill = (template: string, data: Record<string, unknown>, escape: (text: string) => string) =>
  template.replace(PLACEHOLDER, (_match, path: string) => escape(lookup(data, path)));

/**
 * The message's subject, text and HTML. Every value from `data` is HTML-escaped in the HTML part, so data
 * cannot add markup; a `txt` body is escaped whole (line breaks kept), an `html` body is the admin's own markup.
 * Subject lines carry no line breaks (a header injection).
 */
export function composeMail(request: MailRequest): { subject: string; text: string; html: string } {
  const subject = fill(request.subject, request.data, (text) => text).replace(/[\r\n]+/g, ' ');
  if (request.type === 'html') {
    const html = fill(request.body, request.data, escapeHtml);
    const text = fill(request.body, request.data, (value) => value).replace(/<[^>]*>/g, '');
    return { subject, text, html };
  }
  const text = fill(request.body, request.data, (value) => value);
  return { subject, text, html: `<p>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>` };
}
