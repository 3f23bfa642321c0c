import { parsePasswordPolicy } from '@atrium/auth';
import type { CollectionDefinition, FieldDefinition } from './collection-definition';

const APPEARANCES = ['auto', 'light', 'dark'] as const;

/** The policy is checked when it is set, so a password change never meets a broken one. */
function passwordPolicyProblem(value: unknown): string | undefined {
  try {
    parsePasswordPolicy(value as string);
    return undefined;
  } catch {
    return 'Value has to be a valid regular expression.';
  }
}

function loginAttemptsProblem(value: unknown): string | undefined {
  return typeof value === 'number' && value < 1 ? 'Value has to be at least 1.' : undefined;
}

/** Asset presets: a list of objects, each named by a distinct non-empty `key` (used as `?key=` on assets). */
function assetPresetsProblem(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (!Array.isArray(value)) return 'Value has to be an array of presets.';
  const keys = new Set<string>();
  for (const preset of value) {
    if (typeof preset !== 'object' || preset === null || Array.isArray(preset)) {
      return 'Every preset has to be an object.';
    }
    const key = (preset as Record<string, unknown>).key;
    if (typeof key !== 'string' || key === '') return 'Every preset needs a "key".';
    if (keys.has(key)) return `Preset key "${key}" is used twice.`;
    keys.add(key);
  }
  return undefined;
}

const text = (name: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: 'string',
  writable: true,
  defaultValue: null,
  ...extra,
});
const typed = (name: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}) =>
  text(name, { type, ...extra });

/** The project settings singleton (`directus_settings`, one row). */
export const SETTINGS: CollectionDefinition = {
  collection: 'directus_settings',
  table: 'directus_settings',
  primaryKey: 'id',
  primaryKeyType: 'integer',
  affectsAuth: false,
  guardsAdmins: false,
  fields: [
    { name: 'id', type: 'integer', defaultValue: null },
    text('project_name', { notNull: true, defaultValue: 'Directus' }),
    text('project_descriptor'),
    text('project_url'),
    text('project_color', { defaultValue: '#6644FF' }),
    typed('project_logo', 'uuid'),
    typed('public_foreground', 'uuid'),
    typed('public_background', 'uuid'),
    typed('public_favicon', 'uuid'),
    text('public_note'),
    typed('auth_login_attempts', 'integer', { defaultValue: 25, check: loginAttemptsProblem }),
    text('auth_password_policy', { check: passwordPolicyProblem }),
    text('storage_asset_transform', { allowed: ['all', 'presets', 'none'], defaultValue: 'all' }),
    typed('storage_asset_presets', 'json', { check: assetPresetsProblem }),
    typed('storage_default_folder', 'uuid'),
    text('custom_css'),
    typed('basemaps', 'json'),
    text('mapbox_key'),
    typed('module_bar', 'json'),
    text('default_language', { notNull: true, defaultValue: 'en-US' }),
    typed('custom_aspect_ratios', 'json'),
    text('default_appearance', { notNull: true, allowed: APPEARANCES, defaultValue: 'auto' }),
    text('default_theme_light'),
    typed('theme_light_overrides', 'json'),
    text('default_theme_dark'),
    typed('theme_dark_overrides', 'json'),
    text('report_error_url'),
    text('report_bug_url'),
    text('report_feature_url'),
    typed('public_registration', 'boolean', { notNull: true, defaultValue: false }),
    typed('public_registration_verify_email', 'boolean', { notNull: true, defaultValue: true }),
    typed('public_registration_role', 'uuid'),
    typed('public_registration_email_filter', 'json'),
    typed('visual_editor_urls', 'json'),
  ],
};
