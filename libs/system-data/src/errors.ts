import { AtriumException, forbidden } from '@atrium/core';

/** Directus's answer for a field that does not exist or may not be used: 403, never "not found". */
export function fieldForbidden(collection: string, field: string): AtriumException {
  return forbidden(
    `You don't have permission to access field "${field}" in collection "${collection}" or it does not exist.`,
  );
}
