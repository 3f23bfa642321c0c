import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientErrorResponse } from './client-error';

function parse(raw: string) {
  const [head, body] = raw.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => line.split(': ')));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('clientErrorResponse', () => {
  const cases: Array<[string | undefined, number, string]> = [
    ['HPE_HEADER_OVERFLOW', 431, 'CONTENT_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'INVALID_PAYLOAD'],
    ['HPE_INVALID_METHOD', 400, 'INVALID_PAYLOAD'],
    [undefined, 400, 'INVALID_PAYLOAD'],
  ];
  for (const [code, status, errorCode] of cases) {
    it(`${code ?? 'no code'} → ${status} ${errorCode} in the envelope`, () => {
      const response = parse(clientErrorResponse({ code }));
      assert.equal(response.status, status);
      assert.equal(Number(response.headers['Content-Length']), Buffer.byteLength(response.body));
      assert.equal(response.headers.Connection, 'close');
      const body = JSON.parse(response.body);
      assert.equal(body.errors[0].extensions.code, errorCode);
      assert.equal(typeof body.errors[0].message, 'string');
    });
  }
});
