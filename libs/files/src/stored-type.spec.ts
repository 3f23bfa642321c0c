import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { keepingHead, storedType, typeAllowed } from './stored-type';

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('storedType', () => {
  it('believes the bytes over the declaration', async () => {
    assert.equal(await storedType(PNG, 'text/plain'), 'image/png');
    assert.equal(await storedType(Buffer.from('%PDF-1.7\n'), 'image/jpeg'), 'application/pdf');
  });
  it('keeps a declaration the bytes cannot contradict, normalised', async () => {
    assert.equal(await storedType(Buffer.from('a,b\n1,2\n'), 'text/csv'), 'text/csv');
    assert.equal(await storedType(Buffer.from('hello'), 'Text/Plain; charset=utf-8'), 'text/plain');
    assert.equal(await storedType(Buffer.from('<svg/>'), 'image/svg+xml'), 'image/svg+xml');
  });
  it('refuses a signed format the bytes lack, and nonsense', async () => {
    assert.equal(
      await storedType(Buffer.from('<script>x</script>'), 'image/png'),
      'application/octet-stream',
    );
    assert.equal(await storedType(Buffer.from('x'), 'not a type'), 'application/octet-stream');
    assert.equal(await storedType(Buffer.from('x'), undefined), 'application/octet-stream');
  });
});

describe('typeAllowed', () => {
  it('matches exact types and families', () => {
    assert.equal(typeAllowed('image/png', ['*/*']), true);
    assert.equal(typeAllowed('image/png', ['image/*', 'application/pdf']), true);
    assert.equal(typeAllowed('application/pdf', ['image/*', 'application/pdf']), true);
    assert.equal(typeAllowed('text/html', ['image/*', 'application/pdf']), false);
  });
});

describe('keepingHead', () => {
  it('passes every byte through and keeps the first 4100', async () => {
    const big = Buffer.alloc(10_000, 7);
    const { stream, head } = keepingHead(Readable.from([big.subarray(0, 3000), big.subarray(3000)]));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).length, 10_000);
    assert.equal(head().length, 4100);
  });
});
