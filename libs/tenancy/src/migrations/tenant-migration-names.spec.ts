import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MigrationInterface } from 'typeorm';
import { TENANT_MIGRATIONS } from '@atrium/tenant-migrations';
import { tenantMigrationNames } from './tenant-migration-names';

function migration(name: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;
    async up(): Promise<void> {}
    async down(): Promise<void> {}
  };
}

describe('tenantMigrationNames', () => {
  it('accepts the shipped tenant migrations', () => {
    const names = tenantMigrationNames(TENANT_MIGRATIONS);
    assert.equal(names.length, TENANT_MIGRATIONS.length);
    assert.equal(names[0], 'SystemTables1763900000000');
  });

  it('returns the names in list order', () => {
    const names = tenantMigrationNames([migration('A1763900000000'), migration('B1763900000001')]);
    assert.deepEqual(names, ['A1763900000000', 'B1763900000001']);
  });

  it('falls back to the class name like TypeORM does', () => {
    class NoName1763900000000 implements MigrationInterface {
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    }
    assert.deepEqual(tenantMigrationNames([NoName1763900000000]), ['NoName1763900000000']);
  });

  const rejected: Array<[string, string[], RegExp]> = [
    ['a name without a timestamp', ['SystemTables'], /13-digit timestamp/],
    ['timestamps going backwards', ['B1763900000001', 'A1763900000000'], /out of order/],
    ['two migrations sharing a timestamp', ['A1763900000000', 'B1763900000000'], /out of order/],
  ];
  for (const [label, names, message] of rejected) {
    it(`rejects ${label}`, () => {
      assert.throws(() => tenantMigrationNames(names.map(migration)), message);
    });
  }
});
