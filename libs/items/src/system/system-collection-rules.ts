import { ACCESS_HOOKS } from './access.hooks';
import type { CollectionHooks } from './collection-hooks';
import { FOLDERS_HOOKS } from './folders.hooks';
import { PERMISSIONS_HOOKS } from './permissions.hooks';
import { ROLES_HOOKS } from './roles.hooks';
import { SETTINGS_HOOKS } from './settings.hooks';
import { USERS_HOOKS } from './users.hooks';
import { VERSIONS_HOOKS } from './versions.hooks';

/**
 * What the write session must know about a collection beyond its schema (which says types, lengths,
 * nullability, specials, `required` and validation rules, system fields included, through the overlay).
 */
export interface CollectionRules {
  hooks?: CollectionHooks;
  /**
   * Fields only the server writes (an upload's disk name, a login's `last_access`…): a payload naming them
   * has them dropped, as clients echo whole rows back. A serial key belongs here; a uuid key the caller may
   * choose does not.
   */
  serverManaged?: readonly string[];
  /** Cached identities (static tokens, policy flags, grants) depend on it: broadcast after a commit. */
  affectsAuth?: boolean;
  /** The server caches what it reads of it (the asset settings): broadcast after a commit. */
  affectsSettings?: boolean;
  /** A change here could leave the project without an active admin user: the last-admin guard runs. */
  guardsAdmins?: boolean;
}

const NONE: CollectionRules = {};

/** The system collections with rules of their own; user collections have none. */
const SYSTEM_COLLECTION_RULES: Readonly<Record<string, CollectionRules>> = {
  directus_users: {
    hooks: USERS_HOOKS,
    // auth_data is filled by SSO providers: readable for admins, not writable through the API.
    serverManaged: ['last_access', 'auth_data'],
    affectsAuth: true,
    guardsAdmins: true,
  },
  // A role's parent decides which policies its users inherit; deleting it drops its access rows.
  directus_roles: { hooks: ROLES_HOOKS, affectsAuth: true, guardsAdmins: true },
  directus_policies: { affectsAuth: true, guardsAdmins: true },
  directus_access: { hooks: ACCESS_HOOKS, affectsAuth: true, guardsAdmins: true },
  directus_permissions: { hooks: PERMISSIONS_HOOKS, serverManaged: ['id'], affectsAuth: true },
  directus_settings: { hooks: SETTINGS_HOOKS, serverManaged: ['id'], affectsSettings: true },
  directus_presets: { serverManaged: ['id'] },
  directus_folders: { hooks: FOLDERS_HOOKS },
  // A version's item, hash and delta are the versions service's (create, save, promote): PATCH renames it.
  directus_versions: {
    hooks: VERSIONS_HOOKS,
    serverManaged: [
      'collection',
      'item',
      'hash',
      'delta',
      'date_created',
      'date_updated',
      'user_created',
      'user_updated',
    ],
  },
  directus_comments: { serverManaged: ['date_created', 'date_updated', 'user_created', 'user_updated'] },
  // Uploads write these from the bytes (see the files service); clients may edit the metadata only.
  directus_files: {
    serverManaged: [
      'id',
      'storage',
      'filename_disk',
      'uploaded_by',
      'created_on',
      'modified_by',
      'modified_on',
      'charset',
      'filesize',
      'tus_id',
      'tus_data',
      'uploaded_on',
    ],
  },
};

export function collectionRules(collection: string): CollectionRules {
  return SYSTEM_COLLECTION_RULES[collection] ?? NONE;
}

/**
 * Whether the API may write rows of this collection at all: every user collection, and the system ones
 * listed above. The rest (activity, revisions, sessions, the schema's own tables…) are written by the
 * server alone, also when a nested write from another collection names them.
 */
export function writableCollection(collection: { collection: string; system: boolean }): boolean {
  return !collection.system || collection.collection in SYSTEM_COLLECTION_RULES;
}
