import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backups are written by workers: a row is `queued` until one starts it, and a running backup beats every few
 * seconds, so one whose process died shows as interrupted instead of running for ever.
 */
export class BackupHeartbeat1798000000004 implements MigrationInterface {
  name = 'BackupHeartbeat1798000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_backups ADD COLUMN heartbeat_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_backups DROP COLUMN heartbeat_at');
  }
}
