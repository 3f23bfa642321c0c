import { parsePasswordPolicy } from '@atrium/auth';
import { failedValidation } from '@atrium/core';
import type { CollectionHooks, Payload } from './collection-hooks';

/** The policy is checked when it is set, so a password change never meets a broken one. */
function passwordPolicyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    parsePasswordPolicy(value);
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
  if (value === null || value === undefined) return undefined;
  const presets = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(presets)) return 'Value has to be an array of presets.';
  const keys = new Set<string>();
  for (const preset of presets) {
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

const CHECKS: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  auth_password_policy: passwordPolicyProblem,
  auth_login_attempts: loginAttemptsProblem,
  storage_asset_presets: assetPresetsProblem,
};

/** Settings whose values other features parse later are checked when they are written. */
export const SETTINGS_HOOKS: CollectionHooks = {
  async prepareWrite(values): Promise<Payload> {
    for (const [field, check] of Object.entries(CHECKS)) {
      const problem = field in values ? check(values[field]) : undefined;
      if (problem) {
        throw failedValidation({ collection: 'directus_settings', field, type: 'custom', detail: problem });
      }
    }
    return values;
  },
};
