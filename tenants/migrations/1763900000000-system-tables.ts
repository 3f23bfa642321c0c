import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The Directus 11 system tables of one tenant database, as PostgreSQL DDL.
 *
 * Names, column types, defaults and constraint names follow Directus 11 on PostgreSQL (knex naming:
 * `<table>_pkey`, `<table>_<column>_unique`, `<table>_<column>_foreign`), because clients and the
 * relation/field introspection see them. Where Directus leaves a dangling reference or a known bug we
 * say so beside the statement.
 *
 * A migration is a frozen snapshot: never edit this file once released, append a new migration instead.
 */

const CREATE_TABLES: readonly string[] = [
  `CREATE TABLE public.directus_roles (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name varchar(100) NOT NULL,
    icon varchar(64) NOT NULL DEFAULT 'supervised_user_circle',
    description text,
    parent uuid,
    CONSTRAINT directus_roles_pkey PRIMARY KEY (id),
    -- Directus sets no ON DELETE here: a role with child roles cannot be deleted before its children move.
    CONSTRAINT directus_roles_parent_foreign FOREIGN KEY (parent) REFERENCES public.directus_roles (id)
  )`,

  `CREATE TABLE public.directus_policies (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name varchar(100) NOT NULL,
    icon varchar(64) NOT NULL DEFAULT 'badge',
    description text,
    ip_access text,
    enforce_tfa boolean NOT NULL DEFAULT false,
    admin_access boolean NOT NULL DEFAULT false,
    app_access boolean NOT NULL DEFAULT false,
    CONSTRAINT directus_policies_pkey PRIMARY KEY (id)
  )`,

  `CREATE TABLE public.directus_users (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    first_name varchar(50),
    last_name varchar(50),
    email varchar(128),
    password varchar(255),
    location varchar(255),
    title varchar(50),
    description text,
    tags json,
    avatar uuid,
    language varchar(255) DEFAULT NULL,
    tfa_secret varchar(255),
    status varchar(16) NOT NULL DEFAULT 'active',
    role uuid,
    token varchar(255),
    last_access timestamptz,
    last_page varchar(255),
    provider varchar(128) NOT NULL DEFAULT 'default',
    external_identifier varchar(255),
    auth_data json,
    email_notifications boolean DEFAULT true,
    appearance varchar(255),
    theme_dark varchar(255),
    theme_light varchar(255),
    theme_light_overrides json,
    theme_dark_overrides json,
    text_direction varchar(255) NOT NULL DEFAULT 'auto',
    CONSTRAINT directus_users_pkey PRIMARY KEY (id),
    CONSTRAINT directus_users_email_unique UNIQUE (email),
    CONSTRAINT directus_users_token_unique UNIQUE (token),
    CONSTRAINT directus_users_external_identifier_unique UNIQUE (external_identifier),
    CONSTRAINT directus_users_role_foreign FOREIGN KEY (role)
      REFERENCES public.directus_roles (id) ON DELETE SET NULL
  )`,

  `CREATE TABLE public.directus_access (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    role uuid,
    "user" uuid,
    policy uuid NOT NULL,
    sort integer,
    CONSTRAINT directus_access_pkey PRIMARY KEY (id),
    CONSTRAINT directus_access_role_foreign FOREIGN KEY (role)
      REFERENCES public.directus_roles (id) ON DELETE CASCADE,
    CONSTRAINT directus_access_user_foreign FOREIGN KEY ("user")
      REFERENCES public.directus_users (id) ON DELETE CASCADE,
    CONSTRAINT directus_access_policy_foreign FOREIGN KEY (policy)
      REFERENCES public.directus_policies (id) ON DELETE CASCADE
  )`,

  `CREATE TABLE public.directus_permissions (
    id serial NOT NULL,
    collection varchar(64) NOT NULL,
    action varchar(10) NOT NULL,
    permissions json,
    validation json,
    presets json,
    fields text,
    policy uuid NOT NULL,
    CONSTRAINT directus_permissions_pkey PRIMARY KEY (id),
    CONSTRAINT directus_permissions_policy_foreign FOREIGN KEY (policy)
      REFERENCES public.directus_policies (id) ON DELETE CASCADE
  )`,

  // `share` points at directus_shares in Directus; that table is not part of this schema version, so the
  // column is kept (clients see it) without a constraint until shares arrive.
  `CREATE TABLE public.directus_sessions (
    token varchar(64) NOT NULL,
    "user" uuid,
    expires timestamptz NOT NULL,
    ip varchar(255),
    user_agent text,
    share uuid,
    origin varchar(255),
    next_token varchar(64),
    CONSTRAINT directus_sessions_pkey PRIMARY KEY (token),
    CONSTRAINT directus_sessions_user_foreign FOREIGN KEY ("user")
      REFERENCES public.directus_users (id) ON DELETE CASCADE
  )`,

  `CREATE TABLE public.directus_collections (
    collection varchar(64) NOT NULL,
    icon varchar(64),
    note text,
    display_template varchar(255),
    hidden boolean NOT NULL DEFAULT false,
    singleton boolean NOT NULL DEFAULT false,
    translations json,
    archive_field varchar(64),
    archive_app_filter boolean NOT NULL DEFAULT true,
    archive_value varchar(255),
    unarchive_value varchar(255),
    sort_field varchar(64),
    accountability varchar(255) DEFAULT 'all',
    color varchar(255),
    item_duplication_fields json,
    sort integer,
    "group" varchar(64),
    collapse varchar(255) NOT NULL DEFAULT 'open',
    preview_url varchar(255),
    versioning boolean NOT NULL DEFAULT false,
    CONSTRAINT directus_collections_pkey PRIMARY KEY (collection),
    CONSTRAINT directus_collections_group_foreign FOREIGN KEY ("group")
      REFERENCES public.directus_collections (collection)
  )`,

  // Like Directus, no foreign key to directus_collections: a table may have field metadata without
  // collection metadata. The unique pair is ours; Directus never intends duplicates either.
  `CREATE TABLE public.directus_fields (
    id serial NOT NULL,
    collection varchar(64) NOT NULL,
    field varchar(64) NOT NULL,
    special varchar(64),
    interface varchar(64),
    options json,
    display varchar(64),
    display_options json,
    readonly boolean NOT NULL DEFAULT false,
    hidden boolean NOT NULL DEFAULT false,
    sort integer,
    width varchar(30) DEFAULT 'full',
    translations json,
    note text,
    conditions json,
    required boolean DEFAULT false,
    "group" varchar(64),
    validation json,
    validation_message text,
    searchable boolean NOT NULL DEFAULT true,
    CONSTRAINT directus_fields_pkey PRIMARY KEY (id),
    CONSTRAINT directus_fields_collection_field_unique UNIQUE (collection, field)
  )`,

  `CREATE TABLE public.directus_relations (
    id serial NOT NULL,
    many_collection varchar(64) NOT NULL,
    many_field varchar(64) NOT NULL,
    one_collection varchar(64),
    one_field varchar(64),
    one_collection_field varchar(64),
    one_allowed_collections text,
    junction_field varchar(64),
    sort_field varchar(64),
    one_deselect_action varchar(255) NOT NULL DEFAULT 'nullify',
    CONSTRAINT directus_relations_pkey PRIMARY KEY (id),
    CONSTRAINT directus_relations_many_collection_many_field_unique UNIQUE (many_collection, many_field)
  )`,

  `CREATE TABLE public.directus_folders (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    parent uuid,
    CONSTRAINT directus_folders_pkey PRIMARY KEY (id),
    CONSTRAINT directus_folders_parent_foreign FOREIGN KEY (parent) REFERENCES public.directus_folders (id)
  )`,

  // Directus declares uploaded_by/modified_by without ON DELETE, so a user who ever uploaded a file cannot
  // be deleted (directus/directus#9507, open since 2021). We set NULL instead: the file outlives its uploader.
  `CREATE TABLE public.directus_files (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    storage varchar(255) NOT NULL,
    filename_disk varchar(255),
    filename_download varchar(255) NOT NULL,
    title varchar(255),
    type varchar(255),
    folder uuid,
    uploaded_by uuid,
    created_on timestamptz NOT NULL DEFAULT now(),
    modified_by uuid,
    modified_on timestamptz NOT NULL DEFAULT now(),
    charset varchar(50),
    filesize bigint,
    width integer,
    height integer,
    duration integer,
    embed varchar(200),
    description text,
    location text,
    tags text,
    metadata json,
    focal_point_x integer,
    focal_point_y integer,
    tus_id varchar(64),
    tus_data json,
    uploaded_on timestamptz,
    CONSTRAINT directus_files_pkey PRIMARY KEY (id),
    CONSTRAINT directus_files_folder_foreign FOREIGN KEY (folder)
      REFERENCES public.directus_folders (id) ON DELETE SET NULL,
    CONSTRAINT directus_files_uploaded_by_foreign FOREIGN KEY (uploaded_by)
      REFERENCES public.directus_users (id) ON DELETE SET NULL,
    CONSTRAINT directus_files_modified_by_foreign FOREIGN KEY (modified_by)
      REFERENCES public.directus_users (id) ON DELETE SET NULL
  )`,

  // Directus has no constraint on avatar (the users ↔ files cycle); a deleted file would leave a dangling
  // avatar that answers 403 forever, so we add one that clears it.
  `ALTER TABLE public.directus_users
    ADD CONSTRAINT directus_users_avatar_foreign FOREIGN KEY (avatar)
      REFERENCES public.directus_files (id) ON DELETE SET NULL`,

  // No foreign key on "user", as in Directus: the trail must survive the deletion of its author.
  `CREATE TABLE public.directus_activity (
    id serial NOT NULL,
    action varchar(45) NOT NULL,
    "user" uuid,
    "timestamp" timestamptz NOT NULL DEFAULT now(),
    ip varchar(50),
    user_agent text,
    collection varchar(64) NOT NULL,
    item varchar(255) NOT NULL,
    origin varchar(255),
    CONSTRAINT directus_activity_pkey PRIMARY KEY (id)
  )`,

  // `version` points at directus_versions in Directus; kept without a constraint until versions arrive.
  // parent: SET NULL (Directus: none) so pruning old activity never trips over a newer revision's parent.
  `CREATE TABLE public.directus_revisions (
    id serial NOT NULL,
    activity integer NOT NULL,
    collection varchar(64) NOT NULL,
    item varchar(255) NOT NULL,
    data json,
    delta json,
    parent integer,
    version uuid,
    CONSTRAINT directus_revisions_pkey PRIMARY KEY (id),
    CONSTRAINT directus_revisions_activity_foreign FOREIGN KEY (activity)
      REFERENCES public.directus_activity (id) ON DELETE CASCADE,
    CONSTRAINT directus_revisions_parent_foreign FOREIGN KEY (parent)
      REFERENCES public.directus_revisions (id) ON DELETE SET NULL
  )`,

  // The file references get SET NULL (Directus: none, same bug as above), so deleting the logo file
  // resets the setting instead of failing.
  `CREATE TABLE public.directus_settings (
    id serial NOT NULL,
    project_name varchar(100) NOT NULL DEFAULT 'Directus',
    project_url varchar(255),
    project_color varchar(255) DEFAULT '#6644FF',
    project_logo uuid,
    public_foreground uuid,
    public_background uuid,
    public_note text,
    auth_login_attempts integer DEFAULT 25,
    auth_password_policy varchar(100),
    storage_asset_transform varchar(7) DEFAULT 'all',
    storage_asset_presets json,
    custom_css text,
    storage_default_folder uuid,
    basemaps json,
    mapbox_key varchar(255),
    module_bar json,
    project_descriptor varchar(100),
    default_language varchar(255) NOT NULL DEFAULT 'en-US',
    custom_aspect_ratios json,
    public_favicon uuid,
    default_appearance varchar(255) NOT NULL DEFAULT 'auto',
    default_theme_light varchar(255),
    theme_light_overrides json,
    default_theme_dark varchar(255),
    theme_dark_overrides json,
    report_error_url varchar(255),
    report_bug_url varchar(255),
    report_feature_url varchar(255),
    public_registration boolean NOT NULL DEFAULT false,
    public_registration_verify_email boolean NOT NULL DEFAULT true,
    public_registration_role uuid,
    public_registration_email_filter json,
    visual_editor_urls json,
    CONSTRAINT directus_settings_pkey PRIMARY KEY (id),
    CONSTRAINT directus_settings_project_logo_foreign FOREIGN KEY (project_logo)
      REFERENCES public.directus_files (id) ON DELETE SET NULL,
    CONSTRAINT directus_settings_public_foreground_foreign FOREIGN KEY (public_foreground)
      REFERENCES public.directus_files (id) ON DELETE SET NULL,
    CONSTRAINT directus_settings_public_background_foreign FOREIGN KEY (public_background)
      REFERENCES public.directus_files (id) ON DELETE SET NULL,
    CONSTRAINT directus_settings_public_favicon_foreign FOREIGN KEY (public_favicon)
      REFERENCES public.directus_files (id) ON DELETE SET NULL,
    CONSTRAINT directus_settings_storage_default_folder_foreign FOREIGN KEY (storage_default_folder)
      REFERENCES public.directus_folders (id) ON DELETE SET NULL,
    CONSTRAINT directus_settings_public_registration_role_foreign FOREIGN KEY (public_registration_role)
      REFERENCES public.directus_roles (id) ON DELETE SET NULL
  )`,

  `CREATE TABLE public.directus_presets (
    id serial NOT NULL,
    bookmark varchar(255),
    "user" uuid,
    role uuid,
    collection varchar(64),
    search varchar(100),
    layout varchar(100) DEFAULT 'tabular',
    layout_query json,
    layout_options json,
    refresh_interval integer,
    filter json,
    icon varchar(64) DEFAULT 'bookmark',
    color varchar(255),
    CONSTRAINT directus_presets_pkey PRIMARY KEY (id),
    CONSTRAINT directus_presets_user_foreign FOREIGN KEY ("user")
      REFERENCES public.directus_users (id) ON DELETE CASCADE,
    CONSTRAINT directus_presets_role_foreign FOREIGN KEY (role)
      REFERENCES public.directus_roles (id) ON DELETE CASCADE
  )`,

  // Directus 11.1.2+ (comments left directus_activity). No constraint on collection, as in its current
  // migration; user_updated gets SET NULL too (Directus skips it only because of an MSSQL limitation).
  `CREATE TABLE public.directus_comments (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    collection varchar(64) NOT NULL,
    item varchar(255) NOT NULL,
    comment text NOT NULL,
    date_created timestamptz DEFAULT now(),
    date_updated timestamptz DEFAULT now(),
    user_created uuid,
    user_updated uuid,
    CONSTRAINT directus_comments_pkey PRIMARY KEY (id),
    CONSTRAINT directus_comments_user_created_foreign FOREIGN KEY (user_created)
      REFERENCES public.directus_users (id) ON DELETE SET NULL,
    CONSTRAINT directus_comments_user_updated_foreign FOREIGN KEY (user_updated)
      REFERENCES public.directus_users (id) ON DELETE SET NULL
  )`,
];

/** Indexes for the hot paths: item history, token/session lookups, access resolution, cascades. */
const CREATE_INDEXES: readonly string[] = [
  // Emails are compared case-insensitively at login; this also stops `A@x.io` beside `a@x.io`.
  'CREATE UNIQUE INDEX directus_users_email_lower_unique ON public.directus_users (lower(email))',
  'CREATE INDEX directus_users_role_index ON public.directus_users (role)',
  'CREATE INDEX directus_access_role_index ON public.directus_access (role)',
  'CREATE INDEX directus_access_user_index ON public.directus_access ("user")',
  'CREATE INDEX directus_access_policy_index ON public.directus_access (policy)',
  'CREATE INDEX directus_permissions_policy_index ON public.directus_permissions (policy)',
  'CREATE INDEX directus_permissions_collection_index ON public.directus_permissions (collection)',
  'CREATE INDEX directus_sessions_user_index ON public.directus_sessions ("user")',
  'CREATE INDEX directus_activity_collection_item_index ON public.directus_activity (collection, item)',
  'CREATE INDEX directus_revisions_collection_item_index ON public.directus_revisions (collection, item)',
  'CREATE INDEX directus_revisions_activity_index ON public.directus_revisions (activity)',
  'CREATE INDEX directus_revisions_parent_index ON public.directus_revisions (parent)',
  'CREATE INDEX directus_files_folder_index ON public.directus_files (folder)',
  'CREATE INDEX directus_presets_user_index ON public.directus_presets ("user")',
  'CREATE INDEX directus_comments_collection_item_index ON public.directus_comments (collection, item)',
];

/**
 * Directus's anonymous policy: an access row with neither role nor user attaches it to every request
 * without a token. It grants nothing until permissions are added to it.
 */
const SEED_PUBLIC_POLICY = `
  WITH public_policy AS (
    INSERT INTO public.directus_policies (name, icon, description, ip_access, enforce_tfa, admin_access, app_access)
    VALUES ('$t:public_label', 'public', '$t:public_description', NULL, false, false, false)
    RETURNING id
  )
  INSERT INTO public.directus_access (role, "user", policy, sort)
  SELECT NULL, NULL, id, 1 FROM public_policy`;

/** Reverse creation order; the users ↔ files cycle is cut first. */
const DROP_STATEMENTS: readonly string[] = [
  'ALTER TABLE public.directus_users DROP CONSTRAINT directus_users_avatar_foreign',
  'DROP TABLE public.directus_comments',
  'DROP TABLE public.directus_presets',
  'DROP TABLE public.directus_settings',
  'DROP TABLE public.directus_revisions',
  'DROP TABLE public.directus_activity',
  'DROP TABLE public.directus_files',
  'DROP TABLE public.directus_folders',
  'DROP TABLE public.directus_relations',
  'DROP TABLE public.directus_fields',
  'DROP TABLE public.directus_collections',
  'DROP TABLE public.directus_sessions',
  'DROP TABLE public.directus_permissions',
  'DROP TABLE public.directus_access',
  'DROP TABLE public.directus_users',
  'DROP TABLE public.directus_policies',
  'DROP TABLE public.directus_roles',
];

export class SystemTables1763900000000 implements MigrationInterface {
  name = 'SystemTables1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...CREATE_TABLES, ...CREATE_INDEXES, SEED_PUBLIC_POLICY]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DROP_STATEMENTS) {
      await queryRunner.query(statement);
    }
  }
}
