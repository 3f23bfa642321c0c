import type { FieldMeta, RelationOverview } from './schema-overview';

/*
 * What Directus knows about its own tables without storing it: the `special` flags of system fields and the
 * system relations (Directus ships them in @directus/system-data, never in directus_fields/directus_relations).
 * The overview applies this overlay when it is assembled, so the query compiler reads system collections
 * exactly like user ones: secrets concealed, csv/json cast, relations (o2m aliases included) followable.
 * Only what exists in the project's database is applied: a table or column missing here is skipped.
 */

/** What Directus's own field definitions say about a system field, beyond its column. */
export interface SystemField {
  special?: readonly string[];
  /** A value has to be given on create and can never be null. */
  required?: boolean;
  /** A validation filter on the payload (Directus's `meta.validation`), with the message its failure gives. */
  validation?: Readonly<Record<string, unknown>>;
  validation_message?: string;
}

/** `meta.validation` accepting only these values (and null for a nullable column). */
function oneOf(field: string, values: readonly string[], nullable: boolean): SystemField {
  const allowed = { _in: values };
  return {
    validation: { [field]: nullable ? { _or: [{ _null: true }, allowed] } : allowed },
    validation_message: `Value has to be one of ${values.join(', ')}.`,
  };
}

/** Directus's user statuses; login accepts `active` only. */
export const USER_STATUSES = ['draft', 'invited', 'unverified', 'active', 'suspended', 'archived'] as const;

const APPEARANCES = ['auto', 'light', 'dark'] as const;

/**
 * The system fields' facts, per collection. Alias fields of the relations below are added on their own;
 * a column not listed gets a plain meta. Rules a filter cannot say (password policies, asset presets, role
 * cycles…) are hooks of the write session instead.
 */
export const SYSTEM_FIELDS: Readonly<Record<string, Readonly<Record<string, SystemField>>>> = {
  directus_users: {
    id: { special: ['uuid'] },
    email: {
      validation: { email: { _or: [{ _null: true }, { _regex: '^[^\\s@]+@[^\\s@]+$' }] } },
      validation_message: 'Value has to be a valid email address.',
    },
    password: { special: ['hash', 'conceal'] },
    tfa_secret: { special: ['conceal'] },
    token: { special: ['conceal'] },
    tags: { special: ['cast-json'] },
    role: { special: ['m2o'] },
    status: oneOf('status', USER_STATUSES, false),
    email_notifications: { special: ['cast-boolean'] },
    appearance: oneOf('appearance', APPEARANCES, true),
    text_direction: oneOf('text_direction', ['auto', 'ltr', 'rtl'], false),
    theme_light_overrides: { special: ['cast-json'] },
    theme_dark_overrides: { special: ['cast-json'] },
  },
  directus_roles: { id: { special: ['uuid'] }, name: { required: true }, parent: { special: ['m2o'] } },
  directus_policies: {
    id: { special: ['uuid'] },
    name: { required: true },
    ip_access: { special: ['cast-csv'] },
    enforce_tfa: { special: ['cast-boolean'] },
    admin_access: { special: ['cast-boolean'] },
    app_access: { special: ['cast-boolean'] },
  },
  directus_access: {
    id: { special: ['uuid'] },
    role: { special: ['m2o'] },
    user: { special: ['m2o'] },
    policy: { special: ['m2o'], required: true },
  },
  directus_permissions: {
    policy: { special: ['m2o'], required: true },
    collection: { required: true },
    action: { required: true, ...oneOf('action', ['create', 'read', 'update', 'delete', 'share'], false) },
    permissions: { special: ['cast-json'] },
    validation: { special: ['cast-json'] },
    presets: { special: ['cast-json'] },
    fields: { special: ['cast-csv'] },
  },
  directus_activity: { timestamp: { special: ['date-created', 'cast-timestamp'] } },
  directus_revisions: { data: { special: ['cast-json'] }, delta: { special: ['cast-json'] } },
  directus_comments: {
    id: { special: ['uuid'] },
    date_created: { special: ['date-created', 'cast-timestamp'] },
    date_updated: { special: ['date-updated', 'cast-timestamp'] },
    user_created: { special: ['user-created'] },
    user_updated: { special: ['user-updated'] },
  },
  directus_folders: { id: { special: ['uuid'] }, parent: { special: ['m2o'] } },
  directus_versions: {
    id: { special: ['uuid'] },
    key: { required: true },
    collection: { special: ['m2o'] },
    delta: { special: ['cast-json'] },
    date_created: { special: ['date-created', 'cast-timestamp'] },
    date_updated: { special: ['date-updated', 'cast-timestamp'] },
    user_created: { special: ['user-created', 'm2o'] },
    user_updated: { special: ['user-updated', 'm2o'] },
  },
  directus_files: {
    id: { special: ['uuid'] },
    folder: { special: ['m2o'] },
    uploaded_by: { special: ['user-created', 'm2o'] },
    modified_by: { special: ['user-updated', 'm2o'] },
    created_on: { special: ['date-created', 'cast-timestamp'] },
    modified_on: { special: ['date-updated', 'cast-timestamp'] },
    tags: { special: ['cast-json'] },
    metadata: { special: ['cast-json'] },
    tus_data: { special: ['cast-json'] },
  },
  directus_presets: {
    user: { special: ['m2o'] },
    role: { special: ['m2o'] },
    layout_query: { special: ['cast-json'] },
    layout_options: { special: ['cast-json'] },
    filter: { special: ['cast-json'] },
  },
  // Directus conceals no setting (the mapbox key is a public token); its json columns are cast.
  directus_settings: {
    module_bar: { special: ['cast-json'] },
    storage_asset_transform: oneOf('storage_asset_transform', ['all', 'presets', 'none'], true),
    storage_asset_presets: { special: ['cast-json'] },
    basemaps: { special: ['cast-json'] },
    custom_aspect_ratios: { special: ['cast-json'] },
    default_appearance: oneOf('default_appearance', APPEARANCES, false),
    theme_light_overrides: { special: ['cast-json'] },
    theme_dark_overrides: { special: ['cast-json'] },
    public_registration: { special: ['cast-boolean'] },
    public_registration_verify_email: { special: ['cast-boolean'] },
    public_registration_role: { special: ['m2o'] },
    public_registration_email_filter: { special: ['cast-json'] },
    visual_editor_urls: { special: ['cast-json'] },
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
 * version lacks (shares, dashboards…) and `directus_fields.group` (a field name, not a key).
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
  { many_collection: 'directus_revisions', many_field: 'version', one_collection: 'directus_versions' },
  { many_collection: 'directus_versions', many_field: 'collection', one_collection: 'directus_collections' },
  { many_collection: 'directus_versions', many_field: 'user_created', one_collection: 'directus_users' },
  { many_collection: 'directus_versions', many_field: 'user_updated', one_collection: 'directus_users' },
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
export function systemFieldMeta(collection: string, field: string, facts: SystemField): FieldMeta {
  return {
    id: null,
    collection,
    field,
    special: facts.special ? [...facts.special] : null,
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
    required: facts.required ?? false,
    group: null,
    validation: facts.validation ?? null,
    validation_message: facts.validation_message ?? null,
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
  for (const [collection, fields] of Object.entries(SYSTEM_FIELDS)) {
    if (!target.hasCollection(collection)) continue;
    for (const [field, facts] of Object.entries(fields)) {
      if (target.hasColumn(collection, field)) metas.push(systemFieldMeta(collection, field, facts));
    }
  }
  for (const relation of applicableSystemRelations(target)) {
    if (!relation.one_field) continue;
    const special = relation.junction_field ? ['m2m'] : ['o2m'];
    metas.push(systemFieldMeta(relation.one_collection, relation.one_field, { special }));
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
