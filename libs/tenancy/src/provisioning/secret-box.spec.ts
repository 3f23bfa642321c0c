import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateProjectSecret, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('s'.repeat(32));

  it('round-trips and never stores the plain text', () => {
    const secret = generateProjectSecret();
    const sealed = box.seal(secret);
    assert.ok(!sealed.includes(secret));
    assert.equal(box.open(sealed), secret);
  });

  it('uses a fresh nonce each time', () => {
    assert.notEqual(box.seal('same'), box.seal('same'));
  });

  it('refuses a secret sealed under another platform SECRET', () => {
    const other = new SecretBox('t'.repeat(32));
    assert.throws(() => other.open(box.seal('x')));
  });

  it('refuses tampered text', () => {
    const sealed = box.seal('payload');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => box.open(parts.join('.')));
  });
});
