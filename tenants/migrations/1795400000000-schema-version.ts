import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The project's schema version: one row, bumped in the same transaction as every schema change (DDL or
 * collection/field/relation metadata), so a cached `SchemaOverview` can tell whether it is current and a
 * snapshot built while a change commits is never mistaken for the new one.
 *
 * A migration is a frozen snapshot: never edit this file once released, append a new migration instead.
 */
export class SchemaVersion1795400000000 implements MigrationInterface {
  name = 'SchemaVersion1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE public.atrium_schema_version (
        id integer NOT NULL DEFAULT 1,
        version bigint NOT NULL DEFAULT 1,
        CONSTRAINT atrium_schema_version_pkey PRIMARY KEY (id),
        CONSTRAINT atrium_schema_version_single_row CHECK (id = 1)
      )`,
    );
    await queryRunner.query('INSERT INTO public.atrium_schema_version (id, version) VALUES (1, 1)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE public.atrium_schema_version');
  }
}
