import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { rawRequest, RawResponse, sendRaw } from '../support/raw-http';
import { projectWithAdmin, tenantRows } from '../system-data/system-data-fixture';

/**
 * What clients really put on the wire, sent byte for byte: bodiless requests that still declare JSON (the
 * official SDK does on every DELETE), NUL characters PostgreSQL cannot store, requests Node's parser or
 * Fastify's router refuse, and bodies that are not JSON. Every answer is the Directus envelope.
 */
describe('requests as bytes', () => {
  let t: TestApp;
  let port: number;
  let token: string;

  const send = async (
    method: string,
    path: string,
    headers: Record<string, string | number> = {},
    body: string | Buffer = '',
  ): Promise<RawResponse> => {
    const responses = await sendRaw(port, rawRequest(method, path, headers, body));
    assert.equal(responses.length, 1, `one response expected, got ${responses.length}`);
    return responses[0];
  };
  const authed = (headers: Record<string, string | number> = {}) => ({
    authorization: `Bearer ${token}`,
    ...headers,
  });
  const json = (body: string) => ({
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  const assertEnvelope = (response: RawResponse, status: number, code: string) => {
    assert.equal(response.status, status, response.body);
    assert.match(response.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(response.json?.errors?.[0]?.extensions?.code, code, response.body);
    assert.equal(typeof response.json.errors[0].message, 'string');
    assert.deepEqual(Object.keys(response.json), ['errors'], response.body);
  };
  const articleTitles = async () =>
    (await tenantRows<{ title: string }>(t, 'bytes', 'SELECT title FROM articles ORDER BY id')).map(
      (row) => row.title,
    );

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'bytes');
    port = await t.port();
    const collection = await t.request('POST', '/bytes/collections', {
      token,
      body: {
        collection: 'articles',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'title', type: 'string' },
          { field: 'meta', type: 'json' },
        ],
      },
    });
    assert.equal(collection.status, 200, collection.text);
  });
  after(async () => {
    await t?.close();
  });

  describe('an empty body is no body', () => {
    it('DELETE with Content-Type: application/json and Content-Length: 0 deletes', async () => {
      const created = await t.request('POST', '/bytes/items/articles', { token, body: { title: 'gone' } });
      const id = created.body.data.id;
      const response = await send('DELETE', `/bytes/items/articles/${id}`, authed(json('')));
      assert.equal(response.status, 204, response.body);
      assert.ok(!(await articleTitles()).includes('gone'));
    });

    it('DELETE with a JSON content type and no Content-Length at all deletes', async () => {
      const created = await t.request('POST', '/bytes/items/articles', { token, body: { title: 'gone 2' } });
      const response = await send('DELETE', `/bytes/items/articles/${created.body.data.id}`, {
        ...authed(),
        'content-type': 'application/json; charset=utf-8',
      });
      assert.equal(response.status, 204, response.body);
      assert.ok(!(await articleTitles()).includes('gone 2'));
    });

    it('a whitespace-only JSON body is no body either', async () => {
      const created = await t.request('POST', '/bytes/items/articles', { token, body: { title: 'gone 3' } });
      const response = await send(
        'DELETE',
        `/bytes/items/articles/${created.body.data.id}`,
        authed(json(' \r\n')),
        ' \r\n',
      );
      assert.equal(response.status, 204, response.body);
    });

    it('DELETE of a collection, a user and a file with an empty JSON body', async () => {
      await t.request('POST', '/bytes/collections', {
        token,
        body: {
          collection: 'scratch',
          fields: [{ field: 'id', type: 'integer', schema: { is_primary_key: true } }],
        },
      });
      assert.equal((await send('DELETE', '/bytes/collections/scratch', authed(json('')))).status, 204);
      const user = await t.request('POST', '/bytes/users', { token, body: { email: 'temp@bytes.test' } });
      assert.equal(user.status, 200, user.text);
      assert.equal((await send('DELETE', `/bytes/users/${user.body.data.id}`, authed(json('')))).status, 204);
      const boundary = 'b0undary';
      const upload = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="a.txt"',
        'Content-Type: text/plain',
        '',
        'hello',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const uploaded = await send(
        'POST',
        '/bytes/files',
        authed({
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': upload.length,
        }),
        upload,
      );
      assert.equal(uploaded.status, 200, uploaded.body);
      const fileId = uploaded.json.data.id;
      assert.equal((await send('DELETE', `/bytes/files/${fileId}`, authed(json('')))).status, 204);
      assert.equal(
        (await tenantRows(t, 'bytes', 'SELECT 1 FROM directus_files WHERE id = $1', [fileId])).length,
        0,
      );
    });

    it('POST /auth/logout with a JSON content type and no body logs a cookie-mode login out', async () => {
      const login = await t.request('POST', '/bytes/auth/login', {
        body: { email: 'admin@bytes.test', password: 'password-123', mode: 'cookie' },
      });
      assert.equal(login.status, 200, login.text);
      // Without a body the mode is `cookie`, as in Directus: the refresh cookie names the session.
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      assert.match(cookie, /^directus_refresh_token=/);
      const response = await send('POST', '/bytes/auth/logout', { cookie, ...json('') });
      assert.equal(response.status, 204, response.body);
      const refresh = await send('POST', '/bytes/auth/refresh', { cookie, ...json('') });
      assert.equal(refresh.status, 401, 'the session must be gone');
    });
  });

  describe('NUL characters are refused before any write', () => {
    const nul = '"a\\u0000b"';

    it('in an item payload, naming the field, with nothing written', async () => {
      const before = await articleTitles();
      const body = `[{"title":"fine"},{"title":${nul}}]`;
      const response = await send('POST', '/bytes/items/articles', authed(json(body)), body);
      assertEnvelope(response, 400, 'INVALID_PAYLOAD');
      assert.equal(response.json.errors[0].extensions.field, 'title');
      assert.deepEqual(await articleTitles(), before);
    });

    it('in a nested JSON value and in an object key', async () => {
      const nested = `{"title":"x","meta":{"a":[1,${nul}]}}`;
      const first = await send('POST', '/bytes/items/articles', authed(json(nested)), nested);
      assertEnvelope(first, 400, 'INVALID_PAYLOAD');
      assert.equal(first.json.errors[0].extensions.field, 'meta.a[1]');
      const key = '{"title":"x","ali\\u0000as":1}';
      const second = await send('POST', '/bytes/items/articles', authed(json(key)), key);
      assertEnvelope(second, 400, 'INVALID_PAYLOAD');
      assert.equal(second.json.errors[0].extensions.field, 'ali\\0as');
    });

    const routes: Array<[string, string, string, string]> = [
      ['PATCH /users/me', 'PATCH', '/bytes/users/me', `{"first_name":${nul}}`],
      ['POST /roles', 'POST', '/bytes/roles', `{"name":${nul}}`],
      ['PATCH /settings', 'PATCH', '/bytes/settings', `{"project_name":${nul}}`],
      ['POST /folders', 'POST', '/bytes/folders', `{"name":${nul}}`],
      ['POST /collections', 'POST', '/bytes/collections', `{"collection":"c","note":${nul}}`],
      ['PATCH /items/:c/:id', 'PATCH', '/bytes/items/articles/1', `{"title":${nul}}`],
    ];
    for (const [name, method, path, body] of routes) {
      it(`in ${name}`, async () => {
        const response = await send(method, path, authed(json(body)), body);
        assertEnvelope(response, 400, 'INVALID_PAYLOAD');
        assert.match(response.json.errors[0].message, /NUL/);
      });
    }

    it('in the login email, without authentication', async () => {
      const body = `{"email":"admin@bytes.test\\u0000","password":"password-123"}`;
      const response = await send('POST', '/bytes/auth/login', json(body), body);
      assertEnvelope(response, 400, 'INVALID_PAYLOAD');
      assert.equal(response.json.errors[0].extensions.field, 'email');
    });

    it('in a YAML body', async () => {
      const body = 'title: "a\\0b"\n';
      const response = await send(
        'POST',
        '/bytes/items/articles',
        authed({ 'content-type': 'application/yaml', 'content-length': body.length }),
        body,
      );
      assertEnvelope(response, 400, 'INVALID_PAYLOAD');
      assert.equal(response.json.errors[0].extensions.field, 'title');
    });

    it('in multipart field values and file names, with no file stored', async () => {
      const boundary = 'nulb';
      const multipart = (disposition: string, value: string) =>
        Buffer.from(
          [`--${boundary}`, disposition, '', value, `--${boundary}--`, '']
            .join('\r\n')
            .replace('NUL', '\u0000'),
          'utf8',
        );
      const filesBefore = await tenantRows(t, 'bytes', 'SELECT id FROM directus_files');
      const cases: Array<[Buffer, string]> = [
        [multipart('Content-Disposition: form-data; name="title"', 'aNULb'), 'title'],
        [
          multipart('Content-Disposition: form-data; name="file"; filename="aNUL.txt"', 'x'),
          'filename_download',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await send(
          'POST',
          '/bytes/files',
          authed({
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          }),
          body,
        );
        assertEnvelope(response, 400, 'INVALID_PAYLOAD');
        assert.equal(response.json.errors[0].extensions.field, field);
      }
      assert.deepEqual(await tenantRows(t, 'bytes', 'SELECT id FROM directus_files'), filesBefore);
    });
  });

  describe('framework-level refusals speak the envelope', () => {
    it('an over-long URL: 431', async () => {
      const response = await send('GET', `/bytes/items/${'a'.repeat(20_000)}`);
      assertEnvelope(response, 431, 'CONTENT_TOO_LARGE');
    });

    it('over-long headers: 431', async () => {
      const response = await send('GET', '/bytes/server/ping', { 'x-big': 'b'.repeat(20_000) });
      assertEnvelope(response, 431, 'CONTENT_TOO_LARGE');
    });

    it('a bad percent-encoding: 400', async () => {
      const response = await send('GET', '/bytes/items/articles/%zz');
      assertEnvelope(response, 400, 'INVALID_PATH_PARAMETER');
    });

    it('an over-long path parameter: 414', async () => {
      const response = await send('GET', `/bytes/items/${'a'.repeat(300)}`, authed());
      assertEnvelope(response, 414, 'INVALID_PATH_PARAMETER');
    });

    it('a Content-Length shorter than the body: the body is cut, the rest is refused', async () => {
      const body = '{"title":"short"}';
      const responses = await sendRaw(
        port,
        rawRequest(
          'POST',
          '/bytes/items/articles',
          authed({ ...json(body), 'content-length': 5, connection: 'keep-alive' }),
          body,
        ),
      );
      assert.ok(responses.length >= 1, 'at least one answer');
      for (const response of responses) assertEnvelope(response, 400, 'INVALID_PAYLOAD');
      assert.ok(!(await articleTitles()).includes('short'));
    });

    it('bytes that are not HTTP: 400', async () => {
      const [response] = await sendRaw(port, 'NOT HTTP AT ALL\r\n\r\n');
      assertEnvelope(response, 400, 'INVALID_PAYLOAD');
    });

    it('a body larger than MAX_PAYLOAD_SIZE: 413', async () => {
      const body = `{"title":"${'x'.repeat(1_100_000)}"}`;
      const response = await send('POST', '/bytes/items/articles', authed(json(body)), body);
      assertEnvelope(response, 413, 'CONTENT_TOO_LARGE');
    });

    it('invalid JSON: 400', async () => {
      const response = await send('POST', '/bytes/items/articles', authed(json('{"title":')), '{"title":');
      assertEnvelope(response, 400, 'INVALID_PAYLOAD');
    });
  });

  describe('JSON routes take JSON', () => {
    const refused: Array<[string, string, string]> = [
      ['a cross-site form post', 'application/x-www-form-urlencoded', 'title=forged'],
      ['text/plain', 'text/plain', '{"title":"forged"}'],
      ['XML', 'application/xml', '<title>forged</title>'],
      [
        'multipart to a JSON route',
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nforged\r\n--x--\r\n',
      ],
    ];
    for (const [name, type, body] of refused) {
      it(`${name}: 415, nothing created`, async () => {
        const response = await send(
          'POST',
          '/bytes/items/articles',
          authed({ 'content-type': type, 'content-length': Buffer.byteLength(body) }),
          body,
        );
        assertEnvelope(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
        assert.ok(!(await articleTitles()).includes('forged'));
      });
    }

    it('multipart to a route that does not exist: 404, not 415', async () => {
      const body = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n';
      const response = await send(
        'POST',
        '/bytes/utils/no-such-route',
        authed({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': body.length }),
        body,
      );
      assertEnvelope(response, 404, 'ROUTE_NOT_FOUND');
    });

    it('a body with no content type: 415', async () => {
      const body = '{"title":"forged"}';
      const response = await send(
        'POST',
        '/bytes/items/articles',
        authed({ 'content-length': body.length }),
        body,
      );
      assertEnvelope(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('a form post to login: 415, not a login', async () => {
      const body = 'email=admin%40bytes.test&password=password-123';
      const response = await send(
        'POST',
        '/bytes/auth/login',
        {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': body.length,
        },
        body,
      );
      assertEnvelope(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('+json media types are JSON', async () => {
      const body = '{"title":"merge"}';
      const response = await send(
        'POST',
        '/bytes/items/articles',
        authed({ 'content-type': 'application/merge-patch+json', 'content-length': body.length }),
        body,
      );
      assert.equal(response.status, 200, response.body);
    });
  });
});
