import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as jwt from 'jsonwebtoken';
import { AtriumException } from '@atrium/core';
import { credentialFingerprint, signAccountToken, verifyAccountToken } from './account-token';

const SECRET = 'project-secret-a';
const claims = {
  scope: 'password-reset' as const,
  project: 'acme',
  id: '6f0c1b7e-6d1f-4f6b-9d0a-1c2b3c4d5e6f',
  email: 'ann@acme.test',
  fp: 'fingerprint',
};
const expected = { scope: 'password-reset' as const, project: 'acme' };

function rejectsWith(code: string, status: number) {
  return (error: unknown) =>
    error instanceof AtriumException && error.code === code && error.status === status;
}

describe('account tokens', () => {
  it('round-trips its claims', () => {
    const token = signAccountToken(claims, SECRET, 60_000);
    assert.deepEqual(verifyAccountToken(token, SECRET, expected), claims);
  });

  it('refuses another secret, scope or project with 403 INVALID_TOKEN', () => {
    const token = signAccountToken(claims, SECRET, 60_000);
    assert.throws(
      () => verifyAccountToken(token, 'project-secret-b', expected),
      rejectsWith('INVALID_TOKEN', 403),
    );
    assert.throws(
      () => verifyAccountToken(token, SECRET, { scope: 'invite', project: 'acme' }),
      rejectsWith('INVALID_TOKEN', 403),
    );
    assert.throws(
      () => verifyAccountToken(token, SECRET, { ...expected, project: 'other' }),
      rejectsWith('INVALID_TOKEN', 403),
    );
  });

  it('answers 401 TOKEN_EXPIRED for an expired token, but INVALID_TOKEN when it is also foreign', () => {
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = jwt.sign({ ...claims, exp: past }, SECRET, { algorithm: 'HS256', issuer: 'directus' });
    assert.throws(() => verifyAccountToken(expired, SECRET, expected), rejectsWith('TOKEN_EXPIRED', 401));
    assert.throws(() => verifyAccountToken(expired, 'other', expected), rejectsWith('INVALID_TOKEN', 403));
  });

  it('refuses alg:none, other algorithms, a missing exp and a missing fingerprint', () => {
    const none = jwt.sign({ ...claims }, '', { algorithm: 'none', issuer: 'directus', expiresIn: 60 });
    assert.throws(() => verifyAccountToken(none, SECRET, expected), rejectsWith('INVALID_TOKEN', 403));
    const hs512 = jwt.sign({ ...claims }, SECRET, { algorithm: 'HS512', issuer: 'directus', expiresIn: 60 });
    assert.throws(() => verifyAccountToken(hs512, SECRET, expected), rejectsWith('INVALID_TOKEN', 403));
    const noExp = jwt.sign({ ...claims }, SECRET, { algorithm: 'HS256', issuer: 'directus' });
    assert.throws(() => verifyAccountToken(noExp, SECRET, expected), rejectsWith('INVALID_TOKEN', 403));
    const noFp = signAccountToken({ ...claims, fp: undefined }, SECRET, 60_000);
    assert.throws(() => verifyAccountToken(noFp, SECRET, expected), rejectsWith('INVALID_TOKEN', 403));
    assert.throws(() => verifyAccountToken('garbage', SECRET, expected), rejectsWith('INVALID_TOKEN', 403));
  });

  it('refuses an access token (no scope) of the same project', () => {
    const access = jwt.sign(
      { id: claims.id, role: null, app_access: true, admin_access: true, project: 'acme' },
      SECRET,
      {
        algorithm: 'HS256',
        issuer: 'directus',
        expiresIn: 60,
      },
    );
    assert.throws(() => verifyAccountToken(access, SECRET, expected), rejectsWith('INVALID_TOKEN', 403));
  });
});

describe('credentialFingerprint', () => {
  it('changes with the password hash and the email, not with the email case', () => {
    const base = credentialFingerprint({ email: 'Ann@acme.test', password: '$argon2id$a' });
    assert.equal(base, credentialFingerprint({ email: 'ann@acme.test', password: '$argon2id$a' }));
    assert.notEqual(base, credentialFingerprint({ email: 'ann@acme.test', password: '$argon2id$b' }));
    assert.notEqual(base, credentialFingerprint({ email: 'bob@acme.test', password: '$argon2id$a' }));
    assert.notEqual(base, credentialFingerprint({ email: 'ann@acme.test', password: null }));
  });
});
