import { invalidPayload } from '@atrium/core';
import { quoteIdent } from '@atrium/tenancy';
import type { DirectusType, FieldSchema } from '../overview/schema-overview';
import { castPlan } from './cast-plan';
import { columnDefinition, commentOnColumnStep, createIndexStep } from './column-definition';
import { constraintName } from './constraint-names';
import { type DdlStep, sqlOf } from './ddl-step';
import { defaultValueProblem, defaultValueSql, isSequenceDefault } from './default-values';
import type { FieldSchemaInput, NewField } from './field-schema-input';
import { columnType, type ColumnTypeOptions, typeOptionKeys } from './field-types';
import { existingIdentifier, type IdentifierKind, newIdentifier } from './identifiers';
import { sequenceOfDefault } from './sequence-name';

/** An existing column as the schema overview describes it. */
export type ExistingColumn = FieldSchema & { type: DirectusType };

/** The requested change of a field: a new type and/or `schema` keys (absent → unchanged). */
export interface ColumnChange {
  type?: DirectusType;
  schema?: FieldSchemaInput | null;
}

/**
 * Names of the column's unique constraint and plain index as found in the catalog. Absent (undefined) → the
 * deterministic names Atrium creates (`<table>_<column>_unique` / `_index`); null → there is none.
 */
export interface ColumnCatalogNames {
  uniqueConstraint?: string | null;
  index?: string | null;
}

/** ALTER TABLE … ADD COLUMN for a new field (no column for alias fields). */
export function planAddColumn(collection: string, field: NewField): DdlStep[] {
  const table = existingIdentifier(collection);
  const name = newIdentifier(field.field, 'field');
  if (field.schema?.is_primary_key === true) {
    throw invalidPayload(
      `Field "${name}": a collection's primary key is chosen when the collection is created.`,
    );
  }
  const definition = columnDefinition(table, field, false);
  if (definition === null) return [];
  return [
    {
      sql: `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${definition.sql}`,
      why: `add ${table}.${definition.name}`,
    },
    ...definition.after,
  ];
}

export function addColumn(collection: string, field: NewField): string[] {
  return sqlOf(planAddColumn(collection, field));
}

/** ALTER TABLE … DROP COLUMN (its own indexes and foreign keys go with it). */
export function planDropColumn(collection: string, field: string): DdlStep[] {
  const table = existingIdentifier(collection);
  const column = existingIdentifier(field);
  return [
    {
      sql: `ALTER TABLE ${quoteIdent(table)} DROP COLUMN ${quoteIdent(column)}`,
      why: `drop ${table}.${column}`,
    },
  ];
}

export function dropColumn(collection: string, field: string): string[] {
  return sqlOf(planDropColumn(collection, field));
}

/**
 * Directus never renames a collection or field: an update naming another one is refused. Returns no
 * statements when the names agree.
 */
export function renameNothing(kind: IdentifierKind, current: string, requested: unknown): string[] {
  if (requested === undefined || requested === current) return [];
  throw invalidPayload(
    `A ${kind} can't be renamed: create a new ${kind} and move the data instead of changing "${current}".`,
  );
}

/**
 * The statements that turn `old` into `old` + `change`, in a safe order: drop what goes (default before a type
 * change, unique, index), change the type through `castPlan`, then set the default, nullability, unique,
 * index and comment. Throws 400 INVALID_PAYLOAD for changes PostgreSQL can't make.
 */
export function planAlterColumn(
  old: ExistingColumn,
  change: ColumnChange,
  names: ColumnCatalogNames = {},
): DdlStep[] {
  const table = existingIdentifier(old.table);
  const column = existingIdentifier(old.name);
  const label = `${table}.${column}`;
  const next = change.schema ?? {};
  const nextType = change.type ?? old.type;
  if (old.type === 'alias') {
    const plan = castPlan('alias', nextType);
    if (!plan.allowed) throw invalidPayload(plan.reason);
    return [];
  }
  refuseKeyChanges(old, next, label);
  const plan = castPlan(old.type, nextType);
  if (!plan.allowed) throw invalidPayload(plan.reason);

  const target = alter(table, column);
  const options = nextOptions(old, nextType, next);
  const oldSql = safeColumnSql(old.type, old);
  const newSql = columnType(nextType, options)?.base;
  const typeChanges =
    newSql !== undefined && (nextType !== old.type ? newSql !== oldSql : optionsChange(old, next));
  const hadDefault = old.default_value !== null && old.default_value !== undefined && !old.has_auto_increment;

  const before: DdlStep[] = [];
  const steps: DdlStep[] = [];
  const dropsUnique = next.is_unique === false && old.is_unique && !old.is_primary_key;
  // A unique column reports is_indexed through its constraint's index: unless a plain index is named, none exists.
  const hasPlainIndex =
    old.is_indexed &&
    !old.is_primary_key &&
    names.index !== null &&
    !(old.is_unique && names.index === undefined);
  const dropsIndex = next.is_indexed === false && hasPlainIndex;

  if (typeChanges && hadDefault) {
    // The old default expression may not convert to the new type; it is set again below when it fits.
    before.push({
      sql: `${target} DROP DEFAULT`,
      why: `drop the default of ${label} before its type changes`,
    });
  }
  if (dropsUnique) before.push(dropUniqueStep(table, column, names));
  if (dropsIndex) {
    const index = names.index ?? constraintName(table, column, 'index');
    before.push({
      sql: `DROP INDEX ${quoteIdent(existingIdentifier(index))}`,
      why: `drop the index of ${label}`,
    });
  }
  if (typeChanges) {
    const using = plan.via === null ? '' : ` USING ${quoteIdent(column)}::${plan.via}`;
    steps.push({
      sql: `${target} TYPE ${newSql}${using}`,
      why: `change ${label} from ${old.type} to ${nextType}${plan.note ? ` (${plan.note})` : ''}`,
    });
    steps.push(...sequenceTypeSteps(old, newSql, label));
  }
  steps.push(...defaultSteps(old, nextType, options, next, typeChanges && hadDefault, target, label));
  if (typeof next.is_nullable === 'boolean' && next.is_nullable !== old.is_nullable && !old.is_primary_key) {
    steps.push({
      sql: `${target} ${next.is_nullable ? 'DROP' : 'SET'} NOT NULL`,
      why: `${label} ${next.is_nullable ? 'may be null' : "can't be null"}`,
    });
  }
  if (next.is_unique === true && !old.is_unique && !old.is_primary_key) {
    const name = constraintName(table, column, 'unique');
    steps.push({
      sql: `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${quoteIdent(column)})`,
      why: `${label} is unique`,
    });
  }
  const uniqueAfter = next.is_unique ?? old.is_unique;
  if (next.is_indexed === true && !hasPlainIndex && !old.is_primary_key && !uniqueAfter) {
    steps.push(createIndexStep(table, column));
  }
  if (next.comment !== undefined && next.comment !== old.comment) {
    steps.push(commentOnColumnStep(table, column, next.comment));
  }
  return [...before, ...steps];
}

export function alterColumn(
  old: ExistingColumn,
  change: ColumnChange,
  names: ColumnCatalogNames = {},
): string[] {
  return sqlOf(planAlterColumn(old, change, names));
}

/**
 * An auto-increment column's sequence keeps its own type when the column's changes (PostgreSQL leaves a
 * serial's sequence `AS integer` after `TYPE bigint`), so it follows the column explicitly.
 */
function sequenceTypeSteps(old: ExistingColumn, newBase: string, label: string): DdlStep[] {
  if (!old.has_auto_increment || (newBase !== 'integer' && newBase !== 'bigint')) return [];
  const sequence = sequenceOfDefault(old.default_value);
  if (sequence === null) return [];
  const name = sequence.map((part) => quoteIdent(existingIdentifier(part))).join('.');
  return [{ sql: `ALTER SEQUENCE ${name} AS ${newBase}`, why: `the sequence of ${label} follows its type` }];
}

function alter(table: string, column: string): string {
  return `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${quoteIdent(column)}`;
}

/** Keys, auto-increment and generation are fixed when a column is made. */
function refuseKeyChanges(old: ExistingColumn, next: FieldSchemaInput, label: string): void {
  if (typeof next.is_primary_key === 'boolean' && next.is_primary_key !== old.is_primary_key) {
    throw invalidPayload(`Field ${label}: the primary key of a collection can't be changed.`);
  }
  if (typeof next.has_auto_increment === 'boolean' && next.has_auto_increment !== old.has_auto_increment) {
    throw invalidPayload(`Field ${label}: auto-increment can only be chosen when a field is created.`);
  }
  if (typeof next.is_generated === 'boolean' && next.is_generated !== old.is_generated) {
    throw invalidPayload(`Field ${label}: generated columns can't be created or changed through the API.`);
  }
  if (old.is_primary_key && next.is_nullable === true) {
    throw invalidPayload(`Field ${label} is the primary key and can't be nullable.`);
  }
}

/** The type options after the change: a new type starts from its defaults, the same type keeps its options. */
function nextOptions(old: ExistingColumn, nextType: DirectusType, next: FieldSchemaInput): ColumnTypeOptions {
  const options: ColumnTypeOptions = { has_auto_increment: old.has_auto_increment };
  for (const key of typeOptionKeys(nextType)) {
    const value =
      next[key] !== undefined ? next[key] : nextType === old.type ? oldOption(old, key) : undefined;
    Object.assign(options, { [key]: value });
  }
  return options;
}

function oldOption(old: ExistingColumn, key: keyof ColumnTypeOptions): number | null | undefined {
  if (key === 'max_length') return old.max_length;
  if (key === 'numeric_precision') return old.numeric_precision;
  if (key === 'numeric_scale') return old.numeric_scale;
  return undefined;
}

/** True when the same-type change names a type option that differs from the column's. */
function optionsChange(old: ExistingColumn, next: FieldSchemaInput): boolean {
  return typeOptionKeys(old.type).some((key) => {
    const value = next[key];
    if (value === undefined) return false;
    const current = oldOption(old, key);
    // null asks for the default, which may be what the column already has.
    return value === null
      ? safeColumnSql(old.type, { ...old, [key]: null }) !== safeColumnSql(old.type, old)
      : value !== current;
  });
}

/** The column type Atrium would create for the old field, or null when its options are out of range. */
function safeColumnSql(type: DirectusType, options: ColumnTypeOptions | ExistingColumn): string | null {
  try {
    return (
      columnType(type, {
        max_length: options.max_length,
        numeric_precision: options.numeric_precision,
        numeric_scale: options.numeric_scale,
      })?.base ?? null
    );
  } catch {
    return null;
  }
}

function dropUniqueStep(table: string, column: string, names: ColumnCatalogNames): DdlStep {
  if (names.uniqueConstraint === null) {
    throw invalidPayload(
      `Field ${table}.${column} is unique through an index that isn't a constraint Atrium knows; drop that index in the database first.`,
    );
  }
  const name = existingIdentifier(names.uniqueConstraint ?? constraintName(table, column, 'unique'));
  return {
    sql: `ALTER TABLE ${quoteIdent(table)} DROP CONSTRAINT ${quoteIdent(name)}`,
    why: `${table}.${column} is no longer unique`,
  };
}

/**
 * The default after the change: the requested one; or, when a type change dropped the old default, the old
 * one again if it fits the new type (otherwise the caller must say what the default becomes).
 */
function defaultSteps(
  old: ExistingColumn,
  nextType: DirectusType,
  options: ColumnTypeOptions,
  next: FieldSchemaInput,
  droppedForType: boolean,
  target: string,
  label: string,
): DdlStep[] {
  if (old.has_auto_increment) {
    if (
      next.default_value !== undefined &&
      next.default_value !== null &&
      !isSequenceDefault(next.default_value)
    ) {
      throw invalidPayload(`Field ${label} auto-increments and can't have a default value.`);
    }
    return [];
  }
  if (next.default_value !== undefined) {
    const sql = defaultValueSql(nextType, next.default_value, options);
    if (sql === null) {
      return droppedForType || old.default_value === null || old.default_value === undefined
        ? []
        : [{ sql: `${target} DROP DEFAULT`, why: `${label} has no default` }];
    }
    return [{ sql: `${target} SET DEFAULT ${sql}`, why: `default of ${label}` }];
  }
  if (!droppedForType) return [];
  const problem = defaultValueProblem(nextType, old.default_value, options);
  if (problem !== null) {
    throw invalidPayload(
      `The current default of ${label} doesn't fit the ${nextType} type (${problem}) Send schema.default_value with the new default, or null for none.`,
    );
  }
  const sql = defaultValueSql(nextType, old.default_value, options) as string;
  return [{ sql: `${target} SET DEFAULT ${sql}`, why: `keep the default of ${label} after the type change` }];
}
