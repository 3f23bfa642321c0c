import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { projectWithAdmin } from '../system-data/system-data-fixture';
import { TestApp } from '../support/test-app';

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  project?: string;
  user?: string;
  code?: string;
  res?: { statusCode?: number };
  req?: { url?: string };
  [field: string]: unknown;
}

const INFO = 30;
const PADDING = Array.from({ length: 9_000 }, (_, i) => `padding-value-${i}`);
const WARN = 40;

describe('request logs', () => {
  let t: TestApp;
  let token: string;
  let adminId: string;

  before(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'debug' }, { captureLogs: true });
    token = await projectWithAdmin(t, 'logs');
    const me = await t.request('GET', '/logs/users/me', { token });
    adminId = me.body.data.id;
    const made = await t.request('POST', '/logs/collections', {
      token,
      body: {
        collection: 'notes',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'slug', type: 'string', schema: { is_unique: true } },
        ],
      },
    });
    assert.equal(made.status, 200, made.text);
  });
  after(async () => {
    await t?.close();
  });

  /** The lines written while `send` ran, parsed. */
  async function linesOf(send: () => Promise<unknown>): Promise<LogLine[]> {
    const from = t.logLines.length;
    await send();
    return t.logLines.slice(from).map((line) => JSON.parse(line) as LogLine);
  }

  it('puts the request id, project and user on lines logged inside the request, and one completion line', async () => {
    const lines = await linesOf(() =>
      t.request('GET', '/logs/items/notes?access_token=' + token, {
        headers: { 'x-request-id': 'req-read-1' },
      }),
    );
    const read = lines.find((line) => line.msg === 'items read');
    assert.ok(read, 'the items engine logged its statement');
    assert.equal(read.reqId, 'req-read-1');
    assert.equal(read.project, 'logs');
    assert.equal(read.user, adminId);
    const done = lines.filter((line) => line.msg === 'request completed');
    assert.equal(done.length, 1, 'one line per request');
    assert.equal(done[0].reqId, 'req-read-1');
    assert.equal(done[0].res?.statusCode, 200);
    assert.equal(done[0].level, INFO);
    assert.equal(done[0].code, undefined);
    assert.doesNotMatch(done[0].req?.url ?? '', new RegExp(token), 'credentials in the URL are redacted');
    assert.ok(!lines.some((line) => line.msg === 'incoming request'), "Fastify's own request lines are off");
  });

  it('keeps the scope after a body is read from a real socket (SEARCH with a JSON query)', async () => {
    const port = await t.port();
    const lines = await linesOf(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/logs/items/notes`, {
        method: 'SEARCH',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': 'req-search-1',
        },
        // Large enough to arrive in many chunks, each on its own socket event.
        body: JSON.stringify({ query: { limit: 1, filter: { slug: { _nin: PADDING } } } }),
      });
      assert.equal(response.status, 200, await response.text());
    });
    const read = lines.find((line) => line.msg === 'items read');
    assert.ok(read, 'the items engine logged its statement');
    assert.equal(read.reqId, 'req-search-1');
    assert.equal(read.project, 'logs');
    assert.equal(read.user, adminId);
  });

  it("logs a 4xx at info with the envelope's code, and a refused duplicate is not a warning", async () => {
    assert.equal((await t.request('POST', '/logs/items/notes', { token, body: { slug: 'a' } })).status, 200);
    const lines = await linesOf(() =>
      t.request('POST', '/logs/items/notes', {
        token,
        body: { slug: 'a' },
        headers: { 'x-request-id': 'dup-1' },
      }),
    );
    const done = lines.find((line) => line.msg === 'request completed');
    assert.equal(done?.res?.statusCode, 400);
    assert.equal(done?.code, 'RECORD_NOT_UNIQUE');
    assert.equal(done?.level, INFO);
    assert.equal(done?.reqId, 'dup-1');
    assert.deepEqual(
      lines.filter((line) => line.level >= WARN),
      [],
      'an expected database error behind a 4xx is no warning',
    );

    const forbidden = await linesOf(() => t.request('GET', '/logs/items/notes'));
    const refused = forbidden.find((line) => line.msg === 'request completed');
    assert.equal(refused?.res?.statusCode, 403);
    assert.equal(refused?.code, 'FORBIDDEN');
    assert.equal(refused?.project, 'logs');
    assert.equal(refused?.user, undefined, 'an anonymous caller has no user');
  });

  it('names the super-admin on platform requests and the code of a platform error', async () => {
    const lines = await linesOf(() => t.admin('GET', '/server/projects/missing-one'));
    const done = lines.find((line) => line.msg === 'request completed');
    assert.equal(done?.res?.statusCode, 404);
    assert.ok(done?.code, 'the code of the 404');
    assert.equal(done?.superAdmin, true);
  });

  it('starts quietly: no route mapping at info', () => {
    const startup = t.logLines
      .map((line) => JSON.parse(line) as LogLine)
      .filter(
        (line) => line.level >= INFO && /Mapped|RouterExplorer|InstanceLoader/.test(JSON.stringify(line)),
      );
    assert.deepEqual(startup, []);
  });
});
