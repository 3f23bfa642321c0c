import { AtriumException, failedValidation as fieldFailed, invalidPayload } from '@atrium/core';

/** A field/rule failure in Directus's `FAILED_VALIDATION` shape (400), naming the collection. */
export function failedValidation(
  collection: string,
  field: string,
  type: string,
  reason: string,
): AtriumException {
  return fieldFailed(field, type, reason, { collection, path: [] });
}

/** A value that cannot be of the field's type (400 INVALID_PAYLOAD naming the field). */
export function wrongType(collection: string, field: string, type: string): AtriumException {
  return invalidPayload(`Value for field "${field}" has to be of type "${type}".`, { collection, field });
}
