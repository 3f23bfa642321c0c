import { MailMessage, renderLinkMail } from '@atrium/mail';

/** The password-reset mail. `url` carries the token: it is a secret and never logged. */
export function passwordResetMail(to: string, projectName: string, url: string): MailMessage {
  return {
    to,
    ...renderLinkMail({
      subject: `Password reset request for ${projectName}`,
      heading: 'Reset your password',
      paragraphs: [`We received a request to reset the password of your ${projectName} account (${to}).`],
      linkLabel: 'Choose a new password',
      url,
      footer: "If you didn't request this, ignore this mail: your password stays the same.",
    }),
  };
}

/** The invitation mail. `url` carries the token: it is a secret and never logged. */
export function invitationMail(to: string, projectName: string, url: string): MailMessage {
  return {
    to,
    ...renderLinkMail({
      subject: `You've been invited to ${projectName}`,
      heading: "You've been invited",
      paragraphs: [
        `You have been invited to join ${projectName}. Accept the invitation to choose your password.`,
      ],
      linkLabel: 'Accept the invitation',
      url,
    }),
  };
}
