import { AtriumException, invalidPayload } from '@atrium/core';

/** A value that cannot be of the field's type (400 INVALID_PAYLOAD naming the field). */
export function wrongType(collection: string, field: string, type: string): AtriumException {
  return invalidPayload(`Value for field "${field}" has to be of type "${type}".`, { collection, field });
}
