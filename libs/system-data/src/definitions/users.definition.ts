import type { CollectionDefinition } from './collection-definition';
import { USERS_HOOKS } from '../hooks/users.hooks';

/** Directus's user statuses; login accepts `active` only. */
export const USER_STATUSES = ['draft', 'invited', 'unverified', 'active', 'suspended', 'archived'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const USERS: CollectionDefinition = {
  collection: 'directus_users',
  table: 'directus_users',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: true,
  guardsAdmins: true,
  hooks: USERS_HOOKS,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'first_name', type: 'string', writable: true },
    { name: 'last_name', type: 'string', writable: true },
    {
      name: 'email',
      type: 'string',
      writable: true,
      check: (value) =>
        typeof value === 'string' && !EMAIL.test(value)
          ? 'Value has to be a valid email address.'
          : undefined,
    },
    { name: 'password', type: 'string', writable: true, concealed: true },
    { name: 'location', type: 'string', writable: true },
    { name: 'title', type: 'string', writable: true },
    { name: 'description', type: 'string', writable: true },
    { name: 'tags', type: 'json', writable: true },
    { name: 'avatar', type: 'uuid', writable: true },
    { name: 'language', type: 'string', writable: true },
    { name: 'tfa_secret', type: 'string', writable: true, concealed: true },
    { name: 'status', type: 'string', writable: true, notNull: true, allowed: USER_STATUSES },
    { name: 'role', type: 'uuid', writable: true },
    { name: 'token', type: 'string', writable: true, concealed: true },
    { name: 'last_access', type: 'timestamp' },
    { name: 'last_page', type: 'string', writable: true },
    { name: 'provider', type: 'string', writable: true, notNull: true },
    { name: 'external_identifier', type: 'string', writable: true },
    // Filled by SSO providers; readable for admins, not writable through the API.
    { name: 'auth_data', type: 'json' },
    { name: 'email_notifications', type: 'boolean', writable: true },
    { name: 'appearance', type: 'string', writable: true, allowed: ['auto', 'light', 'dark'] },
    { name: 'theme_dark', type: 'string', writable: true },
    { name: 'theme_light', type: 'string', writable: true },
    { name: 'theme_light_overrides', type: 'json', writable: true },
    { name: 'theme_dark_overrides', type: 'json', writable: true },
    {
      name: 'text_direction',
      type: 'string',
      writable: true,
      notNull: true,
      allowed: ['auto', 'ltr', 'rtl'],
    },
  ],
};

/**
 * What a user may change about themselves through `PATCH /users/me`: their profile, password and static
 * token (Directus's `updateMe` sets it, where the caller's permissions allow the field), never what decides
 * their access (role, status, provider, external identity, two-factor secret).
 */
export const SELF_EDITABLE_USER_FIELDS: ReadonlySet<string> = new Set([
  'first_name',
  'last_name',
  'email',
  'password',
  'token',
  'location',
  'title',
  'description',
  'tags',
  'avatar',
  'language',
  'last_page',
  'email_notifications',
  'appearance',
  'theme_dark',
  'theme_light',
  'theme_light_overrides',
  'theme_dark_overrides',
  'text_direction',
]);
