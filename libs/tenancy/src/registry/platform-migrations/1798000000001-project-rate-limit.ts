import { MigrationInterface, QueryRunner } from 'typeorm';

/** A project's own request limit, `{points, duration}` (null: the platform's `PROJECT_RATE_LIMIT_*`). */
export class ProjectRateLimit1798000000001 implements MigrationInterface {
  name = 'ProjectRateLimit1798000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_projects ADD COLUMN rate_limit jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_projects DROP COLUMN rate_limit');
  }
}
