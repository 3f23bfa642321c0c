/** One outgoing e-mail. `text` is the plain-text alternative of `html`; both are sent. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** `sent`: the SMTP server accepted it; `disabled`: no transport is configured and nothing left. */
export type MailOutcome = 'sent' | 'disabled';
