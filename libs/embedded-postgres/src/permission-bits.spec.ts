import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasPermission } from './permission-bits';

const postgres = { uid: 101, gid: 104 };

describe('hasPermission', () => {
  const cases: Array<[string, { mode: number; uid: number; gid: number }, 'r' | 'w' | 'x', boolean]> = [
    ['root-owned 0755 directory is traversable by others', { mode: 0o40755, uid: 0, gid: 0 }, 'x', true],
    ['root-owned 0700 directory (like /root) is not', { mode: 0o40700, uid: 0, gid: 0 }, 'x', false],
    ['owner bits apply to the owner', { mode: 0o40700, uid: 101, gid: 0 }, 'x', true],
    ['group bits apply to the primary group', { mode: 0o40750, uid: 0, gid: 104 }, 'x', true],
    ['owner bits win even when others have more', { mode: 0o40077, uid: 101, gid: 104 }, 'x', false],
    ['other bits for strangers', { mode: 0o100644, uid: 0, gid: 0 }, 'r', true],
    ['no write for strangers on 0755', { mode: 0o40755, uid: 0, gid: 0 }, 'w', false],
  ];
  for (const [name, file, access, expected] of cases) {
    test(name, () => assert.equal(hasPermission(file, postgres, access), expected));
  }

  test('root reads anything but executes only files with some x bit', () => {
    assert.equal(hasPermission({ mode: 0o100000, uid: 5, gid: 5 }, { uid: 0, gid: 0 }, 'r'), true);
    assert.equal(hasPermission({ mode: 0o100644, uid: 5, gid: 5 }, { uid: 0, gid: 0 }, 'x'), false);
    assert.equal(hasPermission({ mode: 0o100700, uid: 5, gid: 5 }, { uid: 0, gid: 0 }, 'x'), true);
  });
});
