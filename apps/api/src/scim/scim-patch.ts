import { isPlainObject } from '@atrium/core';
import { ScimError } from './scim-error';
import { SCHEMA } from './scim-schemas';

/** One PATCH operation (RFC 7644 §3.5.2), `op` lower-cased (Entra ID sends `Replace`). */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

export function patchOperations(body: unknown): PatchOperation[] {
  if (!isPlainObject(body) || !Array.isArray(body.Operations) || body.Operations.length === 0) {
    throw new ScimError(400, 'A PATCH body has "Operations", a non-empty list.', 'invalidSyntax');
  }
  if (Array.isArray(body.schemas) && !body.schemas.includes(SCHEMA.patch)) {
    throw new ScimError(400, `A PATCH body's schemas include ${SCHEMA.patch}.`, 'invalidSyntax');
  }
  return body.Operations.map((raw: unknown) => {
    if (!isPlainObject(raw) || typeof raw.op !== 'string') {
      throw new ScimError(400, 'Every operation has an "op".', 'invalidSyntax');
    }
    const op = raw.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new ScimError(400, `"${raw.op}" is not an operation (add, replace, remove).`, 'invalidSyntax');
    }
    if (raw.path !== undefined && typeof raw.path !== 'string') {
      throw new ScimError(400, '"path" has to be a string.', 'invalidPath');
    }
    if (op === 'remove' && raw.path === undefined)
      throw new ScimError(400, 'A remove needs a "path".', 'noTarget');
    if (op !== 'remove' && raw.value === undefined)
      throw new ScimError(400, `An ${op} needs a "value".`, 'invalidValue');
    return { op, path: raw.path as string | undefined, value: raw.value };
  });
}

/** Booleans as identity providers send them: `true`, or `"True"`. */
export function scimBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimError(400, `"${name}" has to be true or false.`, 'invalidValue');
}
