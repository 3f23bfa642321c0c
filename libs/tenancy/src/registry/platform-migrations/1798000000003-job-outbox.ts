import { MigrationInterface, QueryRunner } from 'typeorm';

/** Jobs held while Redis was unreachable, until an API instance can queue them (`PlatformJobOutbox`). */
export class JobOutbox1798000000003 implements MigrationInterface {
  name = 'JobOutbox1798000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE atrium_job_outbox (
        id bigserial PRIMARY KEY,
        queue varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        attempts integer,
        run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (queue, job_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE atrium_job_outbox');
  }
}
