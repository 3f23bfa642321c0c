import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * What a project stores, counted as it changes rather than by scanning (issue 13, quotas): one row of totals
 * kept by statement-level triggers on `directus_files` (originals) and `atrium_asset_variants` (the cached
 * transforms, one row per stored object, which is also the oldest-first order a FIFO quota evicts in). The
 * triggers run in the writing transaction, so the totals commit or roll back with the rows they count, and
 * the single row's lock serialises a quota check with the writes it admits.
 *
 * A migration is a frozen snapshot: never edit this file once released, append a new migration instead.
 */
export class StorageUsage1796100000000 implements MigrationInterface {
  name = 'StorageUsage1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE public.atrium_storage_usage (
        id integer NOT NULL DEFAULT 1,
        file_count bigint NOT NULL DEFAULT 0,
        file_bytes bigint NOT NULL DEFAULT 0,
        variant_count bigint NOT NULL DEFAULT 0,
        variant_bytes bigint NOT NULL DEFAULT 0,
        CONSTRAINT atrium_storage_usage_pkey PRIMARY KEY (id),
        CONSTRAINT atrium_storage_usage_single_row CHECK (id = 1)
      )`,
    );
    await queryRunner.query(
      `INSERT INTO public.atrium_storage_usage (id, file_count, file_bytes)
       SELECT 1, count(*), coalesce(sum(filesize), 0) FROM public.directus_files`,
    );
    await queryRunner.query(
      `CREATE TABLE public.atrium_asset_variants (
        name text NOT NULL,
        storage varchar(255) NOT NULL,
        file uuid NOT NULL,
        source text NOT NULL,
        size bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT atrium_asset_variants_pkey PRIMARY KEY (name),
        CONSTRAINT atrium_asset_variants_file_fkey FOREIGN KEY (file)
          REFERENCES public.directus_files (id) ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(
      'CREATE INDEX atrium_asset_variants_age ON public.atrium_asset_variants (created_at, name)',
    );
    await queryRunner.query(
      'CREATE INDEX atrium_asset_variants_source ON public.atrium_asset_variants (source)',
    );
    await queryRunner.query('CREATE INDEX atrium_asset_variants_file ON public.atrium_asset_variants (file)');
    for (const sql of TRIGGERS) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE public.atrium_asset_variants');
    await queryRunner.query('DROP TRIGGER atrium_files_inserted ON public.directus_files');
    await queryRunner.query('DROP TRIGGER atrium_files_updated ON public.directus_files');
    await queryRunner.query('DROP TRIGGER atrium_files_deleted ON public.directus_files');
    await queryRunner.query('DROP FUNCTION public.atrium_count_files()');
    await queryRunner.query('DROP FUNCTION public.atrium_count_variants()');
    await queryRunner.query('DROP TABLE public.atrium_storage_usage');
  }
}

/**
 * A statement-level function adding a table's rows and bytes to the totals, and its insert, update and
 * delete triggers; each branch reads only the transition tables its event declares.
 */
function countingTriggers(table: string, counted: 'file' | 'variant', sizeColumn: string): string[] {
  const fn = `public.atrium_count_${counted}s()`;
  const trigger = `atrium_${counted}s`;
  const bytes = (rows: string) => `(SELECT coalesce(sum(${sizeColumn}), 0) FROM ${rows})`;
  return [
    `CREATE FUNCTION ${fn} RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE delta bigint;
     BEGIN
       IF TG_OP = 'INSERT' THEN
         UPDATE public.atrium_storage_usage SET
           ${counted}_count = ${counted}_count + (SELECT count(*) FROM added),
           ${counted}_bytes = ${counted}_bytes + ${bytes('added')};
       ELSIF TG_OP = 'DELETE' THEN
         UPDATE public.atrium_storage_usage SET
           ${counted}_count = ${counted}_count - (SELECT count(*) FROM removed),
           ${counted}_bytes = ${counted}_bytes - ${bytes('removed')};
       ELSE
         -- Metadata edits change no size: they leave the totals' row (and its lock) alone.
         delta := ${bytes('added')} - ${bytes('removed')};
         IF delta <> 0 THEN
           UPDATE public.atrium_storage_usage SET ${counted}_bytes = ${counted}_bytes + delta;
         END IF;
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${trigger}_inserted AFTER INSERT ON ${table}
       REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
    `CREATE TRIGGER ${trigger}_updated AFTER UPDATE ON ${table}
       REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
    `CREATE TRIGGER ${trigger}_deleted AFTER DELETE ON ${table}
       REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
  ];
}

const TRIGGERS = [
  ...countingTriggers('public.directus_files', 'file', 'filesize'),
  ...countingTriggers('public.atrium_asset_variants', 'variant', 'size'),
];
