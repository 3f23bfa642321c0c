import { failedValidation, invalidPayload, isPlainObject } from '@atrium/core';
import {
  CollectionDefinition,
  FieldDefinition,
  Row,
  WriteAction,
  findField,
} from '../definitions/collection-definition';
import { isUuid, toBoolean } from './scalars';

const INT4_MAX = 2_147_483_647;

function wrongType(definition: CollectionDefinition, field: FieldDefinition, expected: string): never {
  throw invalidPayload(`"${field.name}" has to be ${expected}.`, {
    collection: definition.collection,
    field: field.name,
  });
}

function coerceValue(definition: CollectionDefinition, field: FieldDefinition, value: unknown): unknown {
  switch (field.type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return wrongType(definition, field, 'a string');
    case 'uuid':
      if (typeof value === 'string' && isUuid(value)) return value.toLowerCase();
      return wrongType(definition, field, 'a UUID');
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
      if (typeof number === 'number' && Number.isInteger(number) && Math.abs(number) <= INT4_MAX)
        return number;
      return wrongType(definition, field, 'an integer');
    }
    case 'boolean': {
      const boolean = toBoolean(value);
      return boolean === undefined ? wrongType(definition, field, 'a boolean') : boolean;
    }
    case 'timestamp':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
      return wrongType(definition, field, 'a date');
    case 'json':
      return value;
    case 'csv': {
      const items = typeof value === 'string' ? (value === '' ? [] : value.split(',')) : value;
      if (!Array.isArray(items)) return wrongType(definition, field, 'an array of strings or a CSV string');
      return items.map((item) => {
        if (typeof item !== 'string' || item.includes(',')) {
          return wrongType(definition, field, 'an array of strings without commas');
        }
        return item.trim();
      });
    }
  }
}

function checkRules(field: FieldDefinition, value: unknown): void {
  if (value === null) {
    if (field.notNull || field.required) throw failedValidation(field.name, 'nnull', "Value can't be null.");
    return;
  }
  if (field.allowed && !field.allowed.includes(value as string)) {
    throw failedValidation(field.name, 'in', `Value has to be one of ${field.allowed.join(', ')}.`, {
      valid: field.allowed,
    });
  }
  const problem = field.check?.(value);
  if (problem) throw failedValidation(field.name, 'custom', problem);
}

/**
 * Checks one item payload against the collection and returns the values to write, coerced to their field
 * types (CSV fields as arrays). Unknown fields → 400 INVALID_PAYLOAD; known read-only fields (the primary
 * key on update, `last_access`…) are dropped, as clients echo them back; rule breaks → 400 FAILED_VALIDATION.
 */
export function coercePayload(definition: CollectionDefinition, payload: unknown, action: WriteAction): Row {
  if (!isPlainObject(payload)) throw invalidPayload('Every item has to be an object.');
  const values: Row = {};
  for (const [name, raw] of Object.entries(payload)) {
    const field = findField(definition, name);
    if (!field) {
      throw invalidPayload(`Field "${name}" doesn't exist in collection "${definition.collection}".`, {
        collection: definition.collection,
        field: name,
      });
    }
    const writable = field.writable === true && (action === 'create' || name !== definition.primaryKey);
    if (!writable || raw === undefined) continue;
    const value = raw === null ? null : coerceValue(definition, field, raw);
    checkRules(field, value);
    values[name] = value;
  }
  if (action === 'create') {
    for (const field of definition.fields) {
      if (field.required && values[field.name] === undefined) {
        throw failedValidation(field.name, 'required', 'Value is required.');
      }
    }
  }
  return values;
}
