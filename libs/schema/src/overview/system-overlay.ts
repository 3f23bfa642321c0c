import type { FieldMeta, RelationOverview } from './schema-overview';

/*
 * What Directus knows about its own tables without storing it: the `special` flags of system fields and the
 * system relations (Directus ships them in @directus/system-data, never in directus_fields/directus_relations).
 * The overview applies this overlay when it is assembled, so the query compiler reads system collections
 * exactly like user ones: secrets concealed, csv/json cast, relations (o2m aliases included) followable.
 * Only what exists in the project's database is applied: a table or column missing here is skipped.
 */

/** `special` flags per system field. Alias fields of the relations below are added on their own. */
export const SYSTEM_FIELD_SPECIALS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  directus_users: {
    id: ['uuid'],
    password: ['hash', 'conceal'],
    tfa_secret: ['conceal'],
    token: ['conceal'],
    tags: ['cast-json'],
    role: ['m2o'],
    email_notifications: ['cast-boolean'],
    theme_light_overrides: ['cast-json'],
    theme_dark_overrides: ['cast-json'],
  },
  directus_roles: { id: ['uuid'], parent: ['m2o'] },
  directus_policies: {
    id: ['uuid'],
    ip_access: ['cast-csv'],
    enforce_tfa: ['cast-boolean'],
    admin_access: ['cast-boolean'],
    app_access: ['cast-boolean'],
  },
  directus_access: { id: ['uuid'], role: ['m2o'], user: ['m2o'], policy: ['m2o'] },
  directus_permissions: {
    permissions: ['cast-json'],
    validation: ['cast-json'],
    presets: ['cast-json'],
    fields: ['cast-csv'],
    policy: ['m2o'],
  },
  directus_activity: { timestamp: ['date-created', 'cast-timestamp'] },
  directus_revisions: { data: ['cast-json'], delta: ['cast-json'] },
  directus_comments: {
    id: ['uuid'],
    date_created: ['date-created', 'cast-timestamp'],
    date_updated: ['date-updated', 'cast-timestamp'],
    user_created: ['user-created'],
    user_updated: ['user-updated'],
  },
  directus_folders: { id: ['uuid'], parent: ['m2o'] },
  directus_files: {
    id: ['uuid'],
    folder: ['m2o'],
    uploaded_by: ['user-created', 'm2o'],
    modified_by: ['user-updated', 'm2o'],
    created_on: ['date-created', 'cast-timestamp'],
    modified_on: ['date-updated', 'cast-timestamp'],
    tags: ['cast-json'],
    metadata: ['cast-json'],
    tus_data: ['cast-json'],
  },
  directus_presets: {
    user: ['m2o'],
    role: ['m2o'],
    layout_query: ['cast-json'],
    layout_options: ['cast-json'],
    filter: ['cast-json'],
  },
  // Directus conceals no setting (the mapbox key is a public token); its json columns are cast.
  directus_settings: {
    module_bar: ['cast-json'],
    storage_asset_presets: ['cast-json'],
    basemaps: ['cast-json'],
    custom_aspect_ratios: ['cast-json'],
    theme_light_overrides: ['cast-json'],
    theme_dark_overrides: ['cast-json'],
    public_registration: ['cast-boolean'],
    public_registration_verify_email: ['cast-boolean'],
    public_registration_role: ['m2o'],
    public_registration_email_filter: ['cast-json'],
    visual_editor_urls: ['cast-json'],
  },
};

export interface SystemRelation {
  many_collection: string;
  many_field: string;
  one_collection: string;
  /** The o2m alias shown on the one side (`m2m` when `junction_field` is set). */
  one_field?: string;
  junction_field?: string;
  sort_field?: string;
  one_deselect_action?: 'nullify' | 'delete';
}

/**
 * Directus's system relations between the tables a project has. Left out: relations to tables this schema
 * version lacks (versions, shares, dashboards…) and `directus_fields.group` (a field name, not a key).
 * `directus_access.policy` appears twice, as in Directus: the junction behind both `roles` and `users` of a
 * policy.
 */
export const SYSTEM_RELATIONS: readonly SystemRelation[] = [
  { many_collection: 'directus_collections', many_field: 'group', one_collection: 'directus_collections' },
  { many_collection: 'directus_comments', many_field: 'collection', one_collection: 'directus_collections' },
  { many_collection: 'directus_comments', many_field: 'user_created', one_collection: 'directus_users' },
  { many_collection: 'directus_comments', many_field: 'user_updated', one_collection: 'directus_users' },
  {
    many_collection: 'directus_users',
    many_field: 'role',
    one_collection: 'directus_roles',
    one_field: 'users',
  },
  { many_collection: 'directus_users', many_field: 'avatar', one_collection: 'directus_files' },
  {
    many_collection: 'directus_revisions',
    many_field: 'activity',
    one_collection: 'directus_activity',
    one_field: 'revisions',
  },
  { many_collection: 'directus_revisions', many_field: 'parent', one_collection: 'directus_revisions' },
  { many_collection: 'directus_presets', many_field: 'user', one_collection: 'directus_users' },
  { many_collection: 'directus_presets', many_field: 'role', one_collection: 'directus_roles' },
  { many_collection: 'directus_folders', many_field: 'parent', one_collection: 'directus_folders' },
  { many_collection: 'directus_files', many_field: 'folder', one_collection: 'directus_folders' },
  { many_collection: 'directus_files', many_field: 'uploaded_by', one_collection: 'directus_users' },
  { many_collection: 'directus_files', many_field: 'modified_by', one_collection: 'directus_users' },
  {
    many_collection: 'directus_fields',
    many_field: 'collection',
    one_collection: 'directus_collections',
    one_field: 'fields',
  },
  { many_collection: 'directus_activity', many_field: 'user', one_collection: 'directus_users' },
  { many_collection: 'directus_settings', many_field: 'project_logo', one_collection: 'directus_files' },
  { many_collection: 'directus_settings', many_field: 'public_foreground', one_collection: 'directus_files' },
  { many_collection: 'directus_settings', many_field: 'public_background', one_collection: 'directus_files' },
  { many_collection: 'directus_settings', many_field: 'public_favicon', one_collection: 'directus_files' },
  {
    many_collection: 'directus_settings',
    many_field: 'storage_default_folder',
    one_collection: 'directus_folders',
  },
  {
    many_collection: 'directus_settings',
    many_field: 'public_registration_role',
    one_collection: 'directus_roles',
  },
  { many_collection: 'directus_sessions', many_field: 'user', one_collection: 'directus_users' },
  {
    many_collection: 'directus_permissions',
    many_field: 'policy',
    one_collection: 'directus_policies',
    one_field: 'permissions',
    one_deselect_action: 'delete',
  },
  {
    many_collection: 'directus_access',
    many_field: 'policy',
    one_collection: 'directus_policies',
    one_field: 'roles',
    junction_field: 'role',
    one_deselect_action: 'delete',
  },
  {
    many_collection: 'directus_access',
    many_field: 'policy',
    one_collection: 'directus_policies',
    one_field: 'users',
    junction_field: 'user',
    one_deselect_action: 'delete',
  },
  {
    many_collection: 'directus_access',
    many_field: 'role',
    one_collection: 'directus_roles',
    one_field: 'policies',
    junction_field: 'policy',
    sort_field: 'sort',
    one_deselect_action: 'delete',
  },
  {
    many_collection: 'directus_access',
    many_field: 'user',
    one_collection: 'directus_users',
    one_field: 'policies',
    junction_field: 'policy',
    sort_field: 'sort',
    one_deselect_action: 'delete',
  },
  {
    many_collection: 'directus_roles',
    many_field: 'parent',
    one_collection: 'directus_roles',
    one_field: 'children',
  },
];

/** What the overlay needs to know about the database it is applied to. */
export interface OverlayTarget {
  hasCollection(name: string): boolean;
  hasColumn(collection: string, field: string): boolean;
}

/** A system field's meta as Directus reports one it ships: defaults, no id (it has no directus_fields row). */
export function systemFieldMeta(collection: string, field: string, special: readonly string[]): FieldMeta {
  return {
    id: null,
    collection,
    field,
    special: [...special],
    interface: null,
    options: null,
    display: null,
    display_options: null,
    readonly: false,
    hidden: false,
    sort: null,
    width: 'full',
    translations: null,
    note: null,
    conditions: null,
    required: false,
    group: null,
    validation: null,
    validation_message: null,
    searchable: true,
  };
}

/** The relations of the overlay whose many field is a column and whose both collections exist. */
export function applicableSystemRelations(target: OverlayTarget): SystemRelation[] {
  return SYSTEM_RELATIONS.filter(
    (relation) =>
      target.hasColumn(relation.many_collection, relation.many_field) &&
      target.hasCollection(relation.one_collection),
  );
}

/**
 * Meta for the system fields of existing collections: the special flags of columns, and the o2m/m2m alias
 * fields the applicable relations show on their one side.
 */
export function systemFieldMetas(target: OverlayTarget): FieldMeta[] {
  const metas: FieldMeta[] = [];
  for (const [collection, fields] of Object.entries(SYSTEM_FIELD_SPECIALS)) {
    if (!target.hasCollection(collection)) continue;
    for (const [field, special] of Object.entries(fields)) {
      if (target.hasColumn(collection, field)) metas.push(systemFieldMeta(collection, field, special));
    }
  }
  for (const relation of applicableSystemRelations(target)) {
    if (!relation.one_field) continue;
    const special = relation.junction_field ? ['m2m'] : ['o2m'];
    metas.push(systemFieldMeta(relation.one_collection, relation.one_field, special));
  }
  return metas;
}

/** A relation of the overlay with the foreign key that backs it, if the tenant migration declared one. */
export function systemRelationOverview(
  relation: SystemRelation,
  schema: RelationOverview['schema'],
): RelationOverview {
  return {
    collection: relation.many_collection,
    field: relation.many_field,
    related_collection: relation.one_collection,
    schema,
    meta: {
      id: null,
      many_collection: relation.many_collection,
      many_field: relation.many_field,
      one_collection: relation.one_collection,
      one_field: relation.one_field ?? null,
      one_collection_field: null,
      one_allowed_collections: null,
      junction_field: relation.junction_field ?? null,
      sort_field: relation.sort_field ?? null,
      one_deselect_action: relation.one_deselect_action ?? 'nullify',
    },
  };
}
