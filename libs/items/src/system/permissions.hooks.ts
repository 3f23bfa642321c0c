import { failedValidation } from '@atrium/core';
import type { CollectionHooks, Payload } from './collection-hooks';

/** Item filters, validation filters and presets are JSON objects (or null), never lists or scalars. */
const OBJECT_FIELDS = ['permissions', 'validation', 'presets'] as const;

function isObjectText(text: unknown): boolean {
  if (typeof text !== 'string') return true;
  const value = JSON.parse(text) as unknown;
  return value === null || (typeof value === 'object' && !Array.isArray(value));
}

export const PERMISSIONS_HOOKS: CollectionHooks = {
  async prepareWrite(values): Promise<Payload> {
    for (const field of OBJECT_FIELDS) {
      if (values[field] !== undefined && !isObjectText(values[field])) {
        throw failedValidation({
          collection: 'directus_permissions',
          field,
          type: 'custom',
          detail: 'Value has to be an object.',
        });
      }
    }
    return values;
  },
};
