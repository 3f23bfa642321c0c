import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  errorCode,
  giveStaticToken,
  projectCaller,
  projectWithAdmin,
} from '../system-data/system-data-fixture';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';

const LIMIT = 4;

/** v8's `POST /:project/mail` against a real SMTP sink: who may send, what arrives, escaping and the per-project limit. */
describe('/:project/mail', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: string;
  let userId: string;
  let otherAdmin: string;
  const call = (project: string, token: string | undefined, body: unknown) =>
    projectCaller(t, project, token).call('POST', '/mail', body);

  before(async () => {
    sink = await SmtpSink.start();
    t = await TestApp.start({
      ...sink.env(),
      MAIL_PROJECT_LIMIT: String(LIMIT),
      MAIL_PROJECT_WINDOW_MS: '60000',
    });
    admin = await projectWithAdmin(t, 'mail1');
    const { ok } = projectCaller(t, 'mail1', admin);
    const role = (await ok('POST', '/roles', { name: 'Staff' })).body.data.id;
    userId = (
      await ok('POST', '/users?fields=id', { email: 'staff@mail1.test', password: 'staff-password-1', role })
    ).body.data.id;
    await giveStaticToken(t, 'mail1', 'staff@mail1.test', 'mail1-staff-token');
    otherAdmin = await projectWithAdmin(t, 'mail2');
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('sends one message per recipient, addresses and user ids, with data escaped into the HTML', async () => {
    const res = await call('mail1', admin, {
      to: ['friend@example.com', userId],
      subject: 'News for {{ name }}',
      template: 'Hello {{ name }},\nsee {{ link }}',
      data: { name: '<Ann>', link: 'https://example.com/?a=1&b=2' },
    });
    assert.equal(res.status, 204, res.text);
    const friend = await sink.nextMail('friend@example.com');
    assert.deepEqual(friend.to, ['friend@example.com'], 'nobody sees the other recipients');
    assert.equal(friend.subject, 'News for <Ann>');
    assert.match(friend.text, /Hello <Ann>,\nsee https:\/\/example.com\/\?a=1&b=2/);
    assert.match(friend.html, /Hello &lt;Ann&gt;,<br>see https:\/\/example.com\/\?a=1&amp;b=2/);
    const staff = await sink.nextMail('staff@mail1.test');
    assert.equal(staff.subject, 'News for <Ann>');
  });

  it('keeps an html body, escaping what data adds', async () => {
    const res = await call('mail1', admin, {
      to: 'html@example.com',
      subject: 'Markup',
      body: '<h1>Hi {{ who }}</h1>',
      type: 'html',
      data: { who: '<img src=x onerror=alert(1)>' },
    });
    assert.equal(res.status, 204, res.text);
    const mail = await sink.nextMail('html@example.com');
    assert.match(mail.html, /<h1>Hi &lt;img src=x onerror=alert\(1\)&gt;<\/h1>/);
  });

  it('refuses non-admins and bad payloads, sending nothing', async () => {
    const before = sink.received.length;
    assert.equal(
      (await call('mail1', 'mail1-staff-token', { to: 'x@example.com', subject: 's', body: 'b' })).status,
      403,
    );
    assert.equal(
      (await call('mail1', undefined, { to: 'x@example.com', subject: 's', body: 'b' })).status,
      403,
    );
    for (const body of [
      {},
      { to: [], subject: 's', body: 'b' },
      { to: 'not an address', subject: 's', body: 'b' },
      { to: 'x@example.com', body: 'b' },
      { to: 'x@example.com', subject: 's' },
      { to: 'x@example.com', subject: 's', body: 'b', template: 't' },
      { to: 'x@example.com', subject: 's', body: 'b', type: 'pdf' },
      { to: 'x@example.com', subject: 's', body: 'b', data: [1] },
      { to: '00000000-0000-4000-8000-000000000000', subject: 's', body: 'b' },
      { to: Array.from({ length: 51 }, (_, n) => `u${n}@example.com`), subject: 's', body: 'b' },
    ]) {
      const res = await call('mail1', admin, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(errorCode(res), 'INVALID_PAYLOAD');
    }
    assert.equal(sink.received.length, before);
  });

  it('limits each project on its own: the next recipient past the limit gets 429 with Retry-After', async () => {
    // Three were sent above; one more fits.
    assert.equal(
      (await call('mail1', admin, { to: 'fourth@example.com', subject: 's', body: 'b' })).status,
      204,
    );
    const over = await call('mail1', admin, { to: 'fifth@example.com', subject: 's', body: 'b' });
    assert.equal(over.status, 429);
    assert.equal(errorCode(over), 'REQUESTS_EXCEEDED');
    assert.ok(Number(over.headers['retry-after']) > 0);
    assert.equal(
      (await call('mail2', otherAdmin, { to: 'other@example.com', subject: 's', body: 'b' })).status,
      204,
    );
    await sink.nextMail('other@example.com');
  });

  it('says so when the platform has no mail transport', async () => {
    const off = await TestApp.start({ EMAIL_TRANSPORT: 'none' });
    try {
      const token = await projectWithAdmin(off, 'mail3');
      const res = await off.request('POST', '/mail3/mail', {
        token,
        body: { to: 'x@example.com', subject: 's', body: 'b' },
      });
      assert.equal(res.status, 503);
      assert.equal(errorCode(res), 'SERVICE_UNAVAILABLE');
    } finally {
      await off.close();
    }
  });
});
