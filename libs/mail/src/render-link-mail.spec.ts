import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderLinkMail } from './render-link-mail';

describe('renderLinkMail', () => {
  const mail = renderLinkMail({
    subject: 'Reset for <b>Acme</b>\r\nBcc: victim@example.com',
    heading: 'Hello <img src=x onerror=alert(1)>',
    paragraphs: ['Project "Acme" & co'],
    linkLabel: 'Reset',
    url: 'https://app.example/reset?next="><script>alert(1)</script>&token=abc',
    footer: "Ignore it if it wasn't you.",
  });

  it('escapes every interpolated value in the HTML', () => {
    assert.doesNotMatch(mail.html, /<script>|<img|<b>/);
    assert.match(mail.html, /href="https:\/\/app\.example\/reset\?next=&quot;&gt;&lt;script&gt;/);
    assert.match(mail.html, /&amp;token=abc"/);
    assert.match(mail.html, /Project &quot;Acme&quot; &amp; co/);
    assert.match(mail.html, /wasn&#39;t you/);
  });

  it('keeps a subject on one line', () => {
    assert.equal(mail.subject, 'Reset for <b>Acme</b> Bcc: victim@example.com');
  });

  it('puts the raw link in the plain-text body', () => {
    assert.ok(mail.text.includes('https://app.example/reset?next="><script>alert(1)</script>&token=abc\n'));
  });
});
