import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjects1763900000001 implements MigrationInterface {
  name = 'CreateProjects1763900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE atrium_projects (
        key varchar(40) PRIMARY KEY,
        name varchar(100) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended')),
        db_server varchar(31) NOT NULL,
        db_name varchar(63) NOT NULL,
        jwt_secret text NOT NULL,
        quota_type varchar(8) NOT NULL DEFAULT 'NONE' CHECK (quota_type IN ('NONE', 'HARD')),
        quota_size bigint CHECK (quota_size IS NULL OR quota_size >= 0),
        tenant_migration varchar(255),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (db_server, db_name)
      )`);
    await queryRunner.query('CREATE INDEX atrium_projects_db_server ON atrium_projects (db_server)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE atrium_projects');
  }
}
