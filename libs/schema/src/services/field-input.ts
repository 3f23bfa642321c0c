import { invalidPayload, isPlainObject } from '@atrium/core';
import type { FieldSchemaInput } from '../ddl/field-schema-input';
import { directusTypeProblem } from '../ddl/field-types';
import type { DirectusType } from '../overview/schema-overview';

/** A field create/update body, checked for shape (names and values are checked by the DDL builders). */
export interface FieldInput {
  field?: unknown;
  type?: DirectusType;
  schema?: FieldSchemaInput | null;
  meta?: Record<string, unknown> | null;
}

/** The parts of a field body; `requireType` on create. Throws 400 INVALID_PAYLOAD for a wrong shape. */
export function parseFieldInput(body: unknown, requireType: boolean): FieldInput {
  if (!isPlainObject(body)) throw invalidPayload('A field must be an object.');
  const input: FieldInput = { field: body.field };
  if (body.type !== undefined || requireType) {
    const problem = directusTypeProblem(body.type);
    if (problem !== null) throw invalidPayload(problem);
    input.type = body.type as DirectusType;
  }
  if (body.schema !== undefined && body.schema !== null && !isPlainObject(body.schema)) {
    throw invalidPayload('"schema" of a field must be an object or null.');
  }
  if (body.meta !== undefined && body.meta !== null && !isPlainObject(body.meta)) {
    throw invalidPayload('"meta" of a field must be an object or null.');
  }
  input.schema = body.schema as FieldSchemaInput | null | undefined;
  input.meta = body.meta as Record<string, unknown> | null | undefined;
  return input;
}
