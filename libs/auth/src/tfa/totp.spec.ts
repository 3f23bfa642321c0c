import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from 'otplib';
import { generateTotpSecret, isTotpSecret, totpUri, verifyTotp } from './totp';

const NOW = 1_800_000_000; // a step boundary: 1_800_000_000 / 30 = 60_000_000

function codeAt(secret: string, epoch: number): Promise<string> {
  return generate({ secret, epoch });
}

describe('totp', () => {
  const secret = generateTotpSecret();

  it('generates 160-bit base32 secrets', () => {
    assert.ok(isTotpSecret(secret));
    assert.equal(secret.length, 32);
    assert.notEqual(generateTotpSecret(), secret);
  });

  it('recognises secrets', () => {
    assert.equal(isTotpSecret('JBSWY3DPEHPK3PXP'), true);
    assert.equal(isTotpSecret('short'), false);
    assert.equal(isTotpSecret('jbswy3dpehpk3pxp'), false);
    assert.equal(isTotpSecret('JBSWY3DPEHPK3PX1'), false);
    assert.equal(isTotpSecret(42), false);
  });

  it('builds an otpauth URI with issuer and label', () => {
    const uri = new URL(totpUri({ secret, label: 'ann@acme.test', issuer: 'Acme' }));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('issuer'), 'Acme');
  });

  it('accepts the current code and its neighbours, with the matched step', async () => {
    assert.deepEqual(await verifyTotp(secret, await codeAt(secret, NOW), NOW), { timeStep: 60_000_000 });
    assert.deepEqual(await verifyTotp(secret, await codeAt(secret, NOW - 30), NOW), { timeStep: 59_999_999 });
    assert.deepEqual(await verifyTotp(secret, await codeAt(secret, NOW + 30), NOW), { timeStep: 60_000_001 });
  });

  it('refuses codes two steps away, wrong codes and junk without throwing', async () => {
    assert.equal(await verifyTotp(secret, await codeAt(secret, NOW - 60), NOW), null);
    assert.equal(await verifyTotp(secret, await codeAt(secret, NOW + 60), NOW), null);
    const good = await codeAt(secret, NOW);
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    assert.equal(await verifyTotp(secret, wrong, NOW), null);
    for (const junk of ['', '12345', '1234567', 'abcdef', ' 123456']) {
      assert.equal(await verifyTotp(secret, junk, NOW), null, JSON.stringify(junk));
    }
    assert.equal(await verifyTotp('not base32 !!', '123456', NOW), null);
    assert.equal(await verifyTotp('', '123456', NOW), null);
  });
});
