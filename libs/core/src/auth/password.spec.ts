import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('produces argon2id hashes that verify', async () => {
    const hashed = await hashPassword('correct horse');
    assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hashed, 'correct horse'), true);
    assert.equal(await verifyPassword(hashed, 'wrong'), false);
  });

  it('treats a malformed hash as a mismatch', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'x'), false);
  });
});
