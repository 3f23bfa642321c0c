import type { PermissionRule } from './permission-types';

type MinimalRule = Pick<PermissionRule, 'collection' | 'action' | 'fields' | 'permissions'> &
  Partial<Pick<PermissionRule, 'validation' | 'presets'>>;

const OWN_PRESETS = {
  _or: [
    { user: { _eq: '$CURRENT_USER' } },
    { _and: [{ user: { _null: true } }, { role: { _eq: '$CURRENT_ROLE' } }] },
    { _and: [{ user: { _null: true } }, { role: { _null: true } }] },
  ],
};

/**
 * The system reads a policy with `app_access` grants on top of its own rules (Directus's minimal app
 * permissions): the schema, the caller's own user, roles and policies, its own presets and activity, and
 * the public part of the settings (Directus 12.2 stopped granting every settings field).
 */
const MINIMAL_RULES: readonly MinimalRule[] = [
  {
    collection: 'directus_activity',
    action: 'read',
    fields: '*',
    permissions: { user: { _eq: '$CURRENT_USER' } },
  },
  { collection: 'directus_collections', action: 'read', fields: '*', permissions: null },
  { collection: 'directus_fields', action: 'read', fields: '*', permissions: null },
  { collection: 'directus_relations', action: 'read', fields: '*', permissions: null },
  {
    collection: 'directus_permissions',
    action: 'read',
    fields: '*',
    permissions: { policy: { _in: '$CURRENT_POLICIES' } },
  },
  {
    collection: 'directus_policies',
    action: 'read',
    fields: '*',
    permissions: { id: { _in: '$CURRENT_POLICIES' } },
  },
  {
    collection: 'directus_roles',
    action: 'read',
    fields: '*',
    permissions: { id: { _in: '$CURRENT_ROLES' } },
  },
  {
    collection: 'directus_users',
    action: 'read',
    fields: '*',
    permissions: { id: { _eq: '$CURRENT_USER' } },
  },
  { collection: 'directus_presets', action: 'read', fields: '*', permissions: OWN_PRESETS },
  {
    collection: 'directus_presets',
    action: 'create',
    fields: '*',
    permissions: null,
    validation: { user: { _eq: '$CURRENT_USER' } },
  },
  {
    collection: 'directus_presets',
    action: 'update',
    fields: '*',
    permissions: { user: { _eq: '$CURRENT_USER' } },
    validation: { user: { _eq: '$CURRENT_USER' } },
  },
  {
    collection: 'directus_presets',
    action: 'delete',
    fields: '*',
    permissions: { user: { _eq: '$CURRENT_USER' } },
  },
  {
    collection: 'directus_settings',
    action: 'read',
    fields: [
      'id',
      'project_name',
      'project_descriptor',
      'project_url',
      'project_color',
      'project_logo',
      'public_foreground',
      'public_background',
      'public_note',
      'default_language',
      'default_appearance',
      'default_theme_light',
      'default_theme_dark',
      'theme_light_overrides',
      'theme_dark_overrides',
      'custom_css',
      'module_bar',
    ],
    permissions: null,
  },
];

export const APP_ACCESS_RULES: readonly PermissionRule[] = MINIMAL_RULES.map((rule) => ({
  validation: null,
  presets: null,
  ...rule,
  policy: null,
}));
