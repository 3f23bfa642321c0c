import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { linkBase, linkWithToken } from './account-link';

describe('linkBase', () => {
  const common = {
    allowList: ['https://app.example/reset'],
    publicUrl: 'https://api.example',
    project: 'acme',
    adminPath: 'reset-password' as const,
    purpose: 'reset passwords',
  };

  it('falls back to the admin app under PUBLIC_URL', () => {
    assert.equal(
      linkBase({ ...common, requested: undefined }),
      'https://api.example/acme/admin/reset-password',
    );
  });

  it('keeps an allowed URL, query included', () => {
    assert.equal(
      linkBase({ ...common, requested: 'https://app.example/reset?lang=fr' }),
      'https://app.example/reset?lang=fr',
    );
  });

  it('refuses a URL outside the list with 400 INVALID_PAYLOAD', () => {
    assert.throws(
      () => linkBase({ ...common, requested: 'https://evil.example/reset' }),
      (error: unknown) =>
        error instanceof AtriumException && error.code === 'INVALID_PAYLOAD' && error.status === 400,
    );
  });
});

describe('linkWithToken', () => {
  it('adds the token as a query parameter, keeping the others', () => {
    const url = new URL(linkWithToken('https://app.example/reset?lang=fr#top', 'a.b-c_d'));
    assert.equal(url.searchParams.get('lang'), 'fr');
    assert.equal(url.searchParams.get('token'), 'a.b-c_d');
    assert.equal(url.hash, '#top');
  });

  it('replaces a token the base already carried', () => {
    const url = new URL(linkWithToken('https://app.example/reset?token=planted', 'real'));
    assert.deepEqual(url.searchParams.getAll('token'), ['real']);
  });
});
