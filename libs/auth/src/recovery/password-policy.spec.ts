import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { assertPasswordPolicy, parsePasswordPolicy } from './password-policy';

const failsValidation = (error: unknown) =>
  error instanceof AtriumException &&
  error.code === 'FAILED_VALIDATION' &&
  error.status === 400 &&
  error.extensions.field === 'password';

describe('parsePasswordPolicy', () => {
  it('reads /pattern/flags, a bare pattern, and nothing', () => {
    assert.deepEqual(parsePasswordPolicy('/^.{8,}$/i'), /^.{8,}$/i);
    assert.deepEqual(parsePasswordPolicy('^.{8,}$'), /^.{8,}$/);
    assert.deepEqual(parsePasswordPolicy('/a/gy'), /a/);
    assert.equal(parsePasswordPolicy(null), null);
    assert.equal(parsePasswordPolicy(''), null);
  });

  it('throws on an invalid pattern', () => {
    assert.throws(() => parsePasswordPolicy('/(/'), /not a valid regular expression/);
  });
});

describe('assertPasswordPolicy', () => {
  it('accepts any password without a policy', () => {
    assert.doesNotThrow(() => assertPasswordPolicy(null, 'x'));
  });

  it('enforces the Directus "strong" policy', () => {
    const strong = "/(?=^.{8,}$)(?=.*\\d)(?=.*[a-z])(?=.*[A-Z])(?=.*[!@#$%^&*()_+}{';'?>.<,])(?!.*\\s).*$/";
    assert.doesNotThrow(() => assertPasswordPolicy(strong, 'Str0ng!pass'));
    assert.throws(() => assertPasswordPolicy(strong, 'weakpass'), failsValidation);
  });

  it('gives up on a catastrophic pattern quickly and refuses the password', () => {
    const started = Date.now();
    assert.throws(() => assertPasswordPolicy('/^(a+)+$/', `${'a'.repeat(40)}!`), failsValidation);
    assert.ok(Date.now() - started < 2000, 'the regex was not interrupted');
  });
});
