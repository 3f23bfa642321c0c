import { invalidPayload } from '@atrium/core';
import { quoteIdent } from '@atrium/tenancy';
import { constraintName } from './constraint-names';
import { defaultValueSql } from './default-values';
import type { DdlStep } from './ddl-step';
import type { NewField } from './field-schema-input';
import { columnType } from './field-types';
import { newIdentifier } from './identifiers';
import { sqlLiteral } from './sql-literal';

/** The Directus types a primary key may have. */
export const PRIMARY_KEY_TYPES = ['integer', 'bigInteger', 'uuid', 'string'] as const;

/** A new column rendered for CREATE TABLE / ADD COLUMN, plus the statements that must follow it. */
export interface ColumnDefinition {
  name: string;
  /** `"name" type [PRIMARY KEY] [NOT NULL] [DEFAULT …] [CONSTRAINT … UNIQUE]` */
  sql: string;
  /** CREATE INDEX / COMMENT ON COLUMN, run after the table has the column. */
  after: DdlStep[];
}

/**
 * Renders a validated new column of `table` (an already validated or catalog name), or null for an alias
 * field. Throws 400 INVALID_PAYLOAD for a bad name, type, option or default.
 */
export function columnDefinition(
  table: string,
  field: NewField,
  primaryKey: boolean,
): ColumnDefinition | null {
  const name = newIdentifier(field.field, 'field');
  const schema = field.schema ?? {};
  const type = columnType(field.type, schema);
  if (type === null) {
    if (primaryKey) throw invalidPayload(`Primary key field "${name}" can't be an alias field.`);
    return null;
  }
  if (schema.is_generated === true) {
    throw invalidPayload(`Field "${name}": generated columns can't be created through the API.`);
  }
  if (primaryKey && !(PRIMARY_KEY_TYPES as readonly string[]).includes(field.type)) {
    throw invalidPayload(
      `Primary key field "${name}" must be of type ${PRIMARY_KEY_TYPES.join(', ')}, not ${field.type}.`,
    );
  }
  let defaultSql = defaultValueSql(field.type, schema.default_value, schema);
  // A uuid key fills itself unless the caller chose another default.
  if (primaryKey && field.type === 'uuid' && defaultSql === null) defaultSql = 'gen_random_uuid()';

  const parts = [quoteIdent(name), type.sql];
  const after: DdlStep[] = [];
  if (primaryKey) {
    parts.push('PRIMARY KEY');
  } else if (schema.is_nullable === false) {
    parts.push('NOT NULL');
  }
  if (defaultSql !== null) parts.push(`DEFAULT ${defaultSql}`);
  const unique = !primaryKey && schema.is_unique === true;
  if (unique) parts.push(`CONSTRAINT ${quoteIdent(constraintName(table, name, 'unique'))} UNIQUE`);
  // A key or unique column already has an index; a second one would only slow writes.
  if (schema.is_indexed === true && !primaryKey && !unique) {
    after.push(createIndexStep(table, name));
  }
  if (schema.comment !== undefined && schema.comment !== null) {
    after.push(commentOnColumnStep(table, name, schema.comment));
  }
  return { name, sql: parts.join(' '), after };
}

export function createIndexStep(table: string, column: string): DdlStep {
  return {
    sql: `CREATE INDEX ${quoteIdent(constraintName(table, column, 'index'))} ON ${quoteIdent(table)} (${quoteIdent(column)})`,
    why: `index ${table}.${column} (is_indexed)`,
  };
}

export function commentOnColumnStep(table: string, column: string, comment: string | null): DdlStep {
  const text = comment === null || comment === '' ? 'NULL' : commentLiteral(comment);
  return {
    sql: `COMMENT ON COLUMN ${quoteIdent(table)}.${quoteIdent(column)} IS ${text}`,
    why: `comment on ${table}.${column}`,
  };
}

/** A comment as a string literal; throws 400 INVALID_PAYLOAD for text PostgreSQL can't store. */
export function commentLiteral(comment: unknown): string {
  if (typeof comment !== 'string' || comment.includes('\u0000')) {
    throw invalidPayload('A schema comment must be a string without NUL characters.');
  }
  return sqlLiteral(comment, 'string');
}
