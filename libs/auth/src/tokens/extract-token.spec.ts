import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { extractToken } from './extract-token';

const COOKIE = 'directus_session_token';

describe('extractToken', () => {
  it('reads a Bearer header', () => {
    assert.deepEqual(extractToken({ headers: { authorization: 'Bearer abc.def' } }, COOKIE), {
      token: 'abc.def',
      source: 'header',
    });
  });

  it('reads ?access_token=', () => {
    assert.deepEqual(extractToken({ headers: {}, query: { access_token: 'q' } }, COOKIE), {
      token: 'q',
      source: 'query',
    });
  });

  it('refuses header and query together with 400 INVALID_PAYLOAD', () => {
    assert.throws(
      () => extractToken({ headers: { authorization: 'Bearer a' }, query: { access_token: 'b' } }, COOKIE),
      (error: unknown) => error instanceof AtriumException && error.code === 'INVALID_PAYLOAD',
    );
  });

  it('refuses a malformed Authorization header and an array access_token', () => {
    assert.throws(() => extractToken({ headers: { authorization: 'Basic xyz' } }, COOKIE), AtriumException);
    assert.throws(
      () => extractToken({ headers: {}, query: { access_token: ['a', 'b'] } }, COOKIE),
      AtriumException,
    );
  });

  it('uses the session cookie only when nothing else is sent', () => {
    const cookies = { [COOKIE]: 'jwt-from-cookie' };
    assert.deepEqual(extractToken({ headers: {}, cookies }, COOKIE), {
      token: 'jwt-from-cookie',
      source: 'cookie',
    });
    assert.equal(extractToken({ headers: { authorization: 'Bearer h' }, cookies }, COOKIE)?.source, 'header');
  });

  it('returns null for an anonymous request', () => {
    assert.equal(extractToken({ headers: {}, query: {} }, COOKIE), null);
  });
});
