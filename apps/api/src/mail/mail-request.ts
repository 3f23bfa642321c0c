import { invalidPayload, isPlainObject } from '@atrium/core';
import type { MailRequest } from '@atrium/mail';

/** Recipients one request may name: each gets a message of their own. */
export const MAX_RECIPIENTS = 50;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CheckedMail extends MailRequest {
  emails: string[];
  userIds: string[];
}

/**
 * v8's `POST /mail` body: `to` (an address or user id, or a list of them), `subject`, and `body` — or
 * `template` — whose `{{ name }}` placeholders `data` fills; `type` `txt` (default) or `html`.
 */
export function checkMailRequest(body: unknown): CheckedMail {
  if (!isPlainObject(body))
    throw invalidPayload('The body has to be an object with "to", "subject" and "body".');
  const to = typeof body.to === 'string' ? [body.to] : body.to;
  if (!Array.isArray(to) || to.length === 0 || !to.every((entry) => typeof entry === 'string')) {
    throw invalidPayload('"to" has to be an e-mail address or user id, or a list of them.');
  }
  if (to.length > MAX_RECIPIENTS) throw invalidPayload(`"to" may name at most ${MAX_RECIPIENTS} recipients.`);
  const emails: string[] = [];
  const userIds: string[] = [];
  for (const entry of to as string[]) {
    if (UUID.test(entry)) userIds.push(entry);
    else if (EMAIL.test(entry)) emails.push(entry);
    else throw invalidPayload(`"${entry}" is neither an e-mail address nor a user id.`);
  }
  if (typeof body.subject !== 'string' || body.subject.trim() === '' || body.subject.length > 255) {
    throw invalidPayload('"subject" is required (at most 255 characters).');
  }
  if (body.body !== undefined && body.template !== undefined) {
    throw invalidPayload('Send "body" or "template", not both.');
  }
  const text = body.body ?? body.template;
  if (typeof text !== 'string' || text === '') throw invalidPayload('"body" (or "template") is required.');
  if (body.data !== undefined && !isPlainObject(body.data))
    throw invalidPayload('"data" has to be an object.');
  const type = body.type ?? 'txt';
  if (type !== 'txt' && type !== 'html') throw invalidPayload('"type" has to be "txt" or "html".');
  return {
    emails,
    userIds,
    subject: body.subject,
    body: text,
    data: (body.data as Record<string, unknown>) ?? {},
    type,
  };
}
