import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeMail } from './compose-mail';

describe('composeMail', () => {
  it('fills placeholders, escaping data in the HTML part only', () => {
    const mail = composeMail({
      subject: 'Hello {{ user.name }}',
      body: 'Dear {{user.name}},\nyour code is {{ code }}.{{ missing }}',
      data: { user: { name: '<b>Ann</b>' }, code: 42 },
      type: 'txt',
    });
    assert.equal(mail.subject, 'Hello <b>Ann</b>');
    assert.equal(mail.text, 'Dear <b>Ann</b>,\nyour code is 42.');
    assert.equal(mail.html, '<p>Dear &lt;b&gt;Ann&lt;/b&gt;,<br>your code is 42.</p>');
  });

  it('keeps an html body as written, escaping what data adds', () => {
    const mail = composeMail({
      subject: 'x',
      body: '<h1>Hi {{ name }}</h1>',
      data: { name: '<script>alert(1)</script>' },
      type: 'html',
    });
    assert.equal(mail.html, '<h1>Hi &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    assert.equal(mail.text, 'Hi alert(1)');
  });

  it('takes line breaks out of the subject', () => {
    assert.equal(
      composeMail({ subject: 'a\r\nBcc: {{ x }}', body: '', data: { x: 'y\nz' }, type: 'txt' }).subject,
      'a Bcc: y z',
    );
  });
});
