import { MigrationInterface, QueryRunner } from 'typeorm';

/** A project's own browser origins (null: the platform's `CORS_*` settings apply). */
export class AddProjectCorsOrigins1764600000001 implements MigrationInterface {
  name = 'AddProjectCorsOrigins1764600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_projects ADD COLUMN cors_origins jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_projects DROP COLUMN cors_origins');
  }
}
