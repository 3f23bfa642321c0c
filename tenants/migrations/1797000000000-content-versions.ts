import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Content versions (issue 17): `directus_versions` as Directus has it — a named draft (`key`) of one item of a
 * collection with versioning on, the main item's hash when the version was made, and the changes saved to it
 * so far (`delta`). One key per item. Revisions of version saves point at their version.
 *
 * A migration is a frozen snapshot: never edit this file once released, append a new migration instead.
 */
export class ContentVersions1797000000000 implements MigrationInterface {
  name = 'ContentVersions1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE public.directus_versions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key varchar(64) NOT NULL,
        name varchar(255),
        collection varchar(64) NOT NULL,
        item varchar(255) NOT NULL,
        hash varchar(255),
        date_created timestamptz DEFAULT now(),
        date_updated timestamptz DEFAULT now(),
        user_created uuid,
        user_updated uuid,
        delta json,
        CONSTRAINT directus_versions_pkey PRIMARY KEY (id),
        CONSTRAINT directus_versions_key_item_unique UNIQUE (collection, item, key),
        CONSTRAINT directus_versions_user_created_foreign FOREIGN KEY (user_created)
          REFERENCES public.directus_users (id) ON DELETE SET NULL,
        CONSTRAINT directus_versions_user_updated_foreign FOREIGN KEY (user_updated)
          REFERENCES public.directus_users (id) ON DELETE SET NULL
      )`,
    );
    await queryRunner.query(
      `ALTER TABLE public.directus_revisions ADD CONSTRAINT directus_revisions_version_foreign
         FOREIGN KEY (version) REFERENCES public.directus_versions (id) ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE public.directus_revisions DROP CONSTRAINT directus_revisions_version_foreign',
    );
    await queryRunner.query('DROP TABLE public.directus_versions');
  }
}
