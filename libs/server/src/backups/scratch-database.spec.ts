import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scratchDatabaseCreatedAt, scratchDatabaseName } from './scratch-database';

describe('scratch database names', () => {
  it('carry the second they were made, within what PostgreSQL allows in a name', () => {
    const now = Date.parse('2026-12-04T12:00:00.000Z');
    const name = scratchDatabaseName('atrium_', now);
    assert.match(name, /^atrium__restore_[0-9a-z]+_[0-9a-f]{12}$/);
    assert.ok(Buffer.byteLength(name) <= 63, name);
    assert.equal(scratchDatabaseCreatedAt('atrium_', name)?.toISOString(), '2026-12-04T12:00:00.000Z');
    assert.notEqual(scratchDatabaseName('atrium_', now), name, 'two restores at once get two databases');
  });

  it('are told apart from every other database, a project or another platform', () => {
    const name = scratchDatabaseName('atrium_');
    assert.equal(scratchDatabaseCreatedAt('other_', name), null);
    assert.equal(scratchDatabaseCreatedAt('atrium_', 'atrium_shop'), null);
    // Named before names carried their age: not known to be old, so left alone.
    assert.equal(scratchDatabaseCreatedAt('atrium_', 'atrium__restore_a1b2c3d4e5f6'), null);
  });
});
