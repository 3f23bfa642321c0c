import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePassword, parseInstanceState } from './instance-state';

describe('parseInstanceState', () => {
  const password = generatePassword();

  test('reads a complete state', () => {
    const text = JSON.stringify({ user: 'postgres', password, port: 54321, ownerPid: 42 });
    assert.deepEqual(parseInstanceState(text), { user: 'postgres', password, port: 54321, ownerPid: 42 });
  });

  test('port and owner are optional; bad ones are dropped rather than trusted', () => {
    const text = JSON.stringify({ user: 'postgres', password, port: 70000, ownerPid: -1 });
    assert.deepEqual(parseInstanceState(text), {
      user: 'postgres',
      password,
      port: undefined,
      ownerPid: undefined,
    });
  });

  test('unusable files give undefined', () => {
    for (const text of [
      '',
      '{',
      'null',
      '[]',
      '{"user":"postgres"}',
      JSON.stringify({ user: 'x;y', password }),
    ]) {
      assert.equal(parseInstanceState(text), undefined, text);
    }
  });

  test('generated passwords are long hex strings, different each time', () => {
    assert.match(password, /^[0-9a-f]{48}$/);
    assert.notEqual(generatePassword(), password);
  });
});
