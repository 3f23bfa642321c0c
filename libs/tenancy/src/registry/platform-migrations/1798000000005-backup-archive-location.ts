import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A backup's archive is kept in a storage location (`BACKUP_LOCATION`, a bucket or the local disk), which
 * may change between platform starts: each row records where its own archive went. Rows from before hold
 * null, meaning the local root where every archive was then.
 */
export class BackupArchiveLocation1798000000005 implements MigrationInterface {
  name = 'BackupArchiveLocation1798000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_backups ADD COLUMN archive_location text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE atrium_backups DROP COLUMN archive_location');
  }
}
