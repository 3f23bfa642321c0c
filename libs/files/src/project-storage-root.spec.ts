import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { projectStorageRoot } from './project-storage-root';

describe('projectStorageRoot', () => {
  const root = path.join(path.sep, 'srv', 'uploads');

  for (const key of ['acme', 'a1', 'my-project_2']) {
    it(`puts ${JSON.stringify(key)} in its own folder under the root`, () => {
      assert.equal(projectStorageRoot(root, key), path.join(root, key));
    });
  }

  const tooLong = `a${'b'.repeat(40)}`;
  for (const bad of ['', 'a', '..', '../acme', 'acme/../other', 'a/b', 'Acme', '1acme', tooLong]) {
    it(`refuses the key ${JSON.stringify(bad)}`, () => {
      assert.throws(() => projectStorageRoot(root, bad), /invalid project key/);
    });
  }
});
