import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each project's last measured statistics, kept in the platform database so that listing a thousand
 * projects is one query, never a visit to every tenant database (issue 14). `claimed_until` lets several API
 * instances share the background measuring without doing a project twice.
 */
export class ProjectStats1796200000001 implements MigrationInterface {
  name = 'ProjectStats1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE atrium_project_stats (
        key varchar(40) PRIMARY KEY REFERENCES atrium_projects (key) ON DELETE CASCADE,
        stats jsonb,
        measured_at timestamptz,
        claimed_until timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX atrium_project_stats_age ON atrium_project_stats (measured_at NULLS FIRST)',
    );
    await queryRunner.query('INSERT INTO atrium_project_stats (key) SELECT key FROM atrium_projects');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE atrium_project_stats');
  }
}
