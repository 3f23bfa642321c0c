import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A FIFO quota (seed 003): cached transform variants are evicted oldest first to make room, originals never.
 * The column's check constraint is the one PostgreSQL named when the table was created.
 */
export class AllowFifoQuota1796100000001 implements MigrationInterface {
  name = 'AllowFifoQuota1796100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_projects DROP CONSTRAINT atrium_projects_quota_type_check');
    await queryRunner.query(
      `ALTER TABLE atrium_projects ADD CONSTRAINT atrium_projects_quota_type_check
         CHECK (quota_type IN ('NONE', 'HARD', 'FIFO'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE atrium_projects SET quota_type = 'HARD' WHERE quota_type = 'FIFO'");
    await queryRunner.query('ALTER TABLE atrium_projects DROP CONSTRAINT atrium_projects_quota_type_check');
    await queryRunner.query(
      `ALTER TABLE atrium_projects ADD CONSTRAINT atrium_projects_quota_type_check
         CHECK (quota_type IN ('NONE', 'HARD'))`,
    );
  }
}
