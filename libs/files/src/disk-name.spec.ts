import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSafeName, diskName, safeExtension } from './disk-name';

const ID = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

describe('disk names', () => {
  const extensions: Array<[string, string]> = [
    ['photo.JPG', '.jpg'],
    ['archive.tar.gz', '.gz'],
    ['no-extension', ''],
    ['.hidden', ''],
    ['../../evil.sh', '.sh'],
    ['..\\..\\evil.exe', '.exe'],
    ['dir/sub/', ''],
    ['weird.ex t', ''],
    ['long.abcdefghijklmnopq', ''],
    ['trailing.', ''],
  ];
  for (const [original, expected] of extensions) {
    it(`${JSON.stringify(original)} keeps the extension ${JSON.stringify(expected)}`, () => {
      assert.equal(safeExtension(original), expected);
      assert.equal(diskName(ID, original), `${ID}${expected}`);
    });
  }

  for (const bad of ['', '../x', 'a/b', 'a\\b', '.part', 'a..b', 'x y', '/etc/passwd']) {
    it(`refuses the name ${JSON.stringify(bad)}`, () => {
      assert.throws(() => assertSafeName(bad), { code: 'INVALID_PAYLOAD' });
    });
  }
});
