import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backups of projects, kept after their project is deleted (the final backup is how a deleted project comes
 * back): no foreign key to atrium_projects.
 */
export class ProjectBackups1798000000002 implements MigrationInterface {
  name = 'ProjectBackups1798000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE atrium_backups (
        id uuid PRIMARY KEY,
        project varchar(40) NOT NULL,
        project_name varchar(100) NOT NULL,
        reason varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        progress real NOT NULL DEFAULT 0,
        size bigint,
        table_count integer,
        row_count bigint,
        file_count integer,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX atrium_backups_project ON atrium_backups (project, created_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE atrium_backups');
  }
}
