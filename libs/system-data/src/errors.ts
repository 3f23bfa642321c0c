import { AtriumException, forbidden } from '@atrium/core';

/** Directus's answer for a field that does not exist or may not be used: 403, never "not found". */
export function fieldForbidden(collection: string, field: string): AtriumException {
  return forbidden(
    `You don't have permission to access field "${field}" in collection "${collection}" or it does not exist.`,
  );
}

/** A value breaks a field rule (400 FAILED_VALIDATION, extensions as Directus: field, type, valid…). */
export function failedValidation(
  field: string,
  type: string,
  detail: string,
  extra: Record<string, unknown> = {},
): AtriumException {
  return new AtriumException('FAILED_VALIDATION', `Validation failed for field "${field}". ${detail}`, {
    field,
    type,
    ...extra,
  });
}
