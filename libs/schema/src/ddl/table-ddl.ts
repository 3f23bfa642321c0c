import { invalidPayload } from '@atrium/core';
import { quoteIdent } from '@atrium/tenancy';
import { columnDefinition, commentLiteral } from './column-definition';
import { type DdlStep, sqlOf } from './ddl-step';
import type { NewField } from './field-schema-input';
import { existingIdentifier, newIdentifier } from './identifiers';

/** Table name prefixes no API call may drop: Directus's system tables, the platform's, PostgreSQL's. */
const PROTECTED_PREFIXES = ['directus_', 'atrium_', 'pg_'];

/**
 * CREATE TABLE for a new collection. With no fields the table gets `id serial PRIMARY KEY` (Directus's
 * default); otherwise exactly one field is the primary key: `primaryKey` names it, or it is the one field
 * with `schema.is_primary_key`. Alias fields get no column. Throws 400 INVALID_PAYLOAD on any bad input.
 */
export function planCreateTable(
  collection: string,
  fields: readonly NewField[],
  primaryKey?: string,
): DdlStep[] {
  const table = newIdentifier(collection, 'collection');
  if (fields.length === 0) {
    return [
      {
        sql: `CREATE TABLE ${quoteIdent(table)} ("id" serial PRIMARY KEY)`,
        why: `create ${table} with an auto-increment id`,
      },
    ];
  }
  const key = primaryKeyOf(table, fields, primaryKey);
  const seen = new Set<string>();
  const columns: string[] = [];
  const after: DdlStep[] = [];
  for (const field of fields) {
    const definition = columnDefinition(table, field, field.field === key);
    const name = field.field;
    if (seen.has(name))
      throw invalidPayload(`Field "${name}" appears more than once in collection "${table}".`);
    seen.add(name);
    if (definition === null) continue;
    columns.push(definition.sql);
    after.push(...definition.after);
  }
  return [
    { sql: `CREATE TABLE ${quoteIdent(table)} (${columns.join(', ')})`, why: `create ${table}` },
    ...after,
  ];
}

export function createTable(collection: string, fields: readonly NewField[], primaryKey?: string): string[] {
  return sqlOf(planCreateTable(collection, fields, primaryKey));
}

/**
 * DROP TABLE for a collection's table. Inbound foreign keys must be dropped first (`dropForeignKey`): no
 * CASCADE, so nothing the caller didn't name disappears with it.
 */
export function planDropTable(collection: string): DdlStep[] {
  const table = existingIdentifier(collection);
  const prefix = PROTECTED_PREFIXES.find((p) => table.startsWith(p));
  if (prefix)
    throw invalidPayload(
      `Collection "${table}" is a system table ("${prefix}" prefix) and can't be deleted.`,
    );
  return [{ sql: `DROP TABLE ${quoteIdent(table)}`, why: `drop ${table}` }];
}

export function dropTable(collection: string): string[] {
  return sqlOf(planDropTable(collection));
}

/** COMMENT ON TABLE (`schema.comment` of a collection); null or '' removes it. */
export function planCommentOnTable(collection: string, comment: string | null): DdlStep[] {
  const table = existingIdentifier(collection);
  const text = comment === null || comment === '' ? 'NULL' : commentLiteral(comment);
  return [{ sql: `COMMENT ON TABLE ${quoteIdent(table)} IS ${text}`, why: `comment on ${table}` }];
}

export function commentOnTable(collection: string, comment: string | null): string[] {
  return sqlOf(planCommentOnTable(collection, comment));
}

function primaryKeyOf(table: string, fields: readonly NewField[], primaryKey: string | undefined): string {
  const flagged = fields.filter((field) => field.schema?.is_primary_key === true).map((field) => field.field);
  if (primaryKey !== undefined) {
    if (!fields.some((field) => field.field === primaryKey)) {
      throw invalidPayload(
        `Primary key field "${String(primaryKey).slice(0, 80)}" is not among the fields of "${table}".`,
      );
    }
    if (flagged.some((name) => name !== primaryKey)) {
      throw invalidPayload(`Collection "${table}" can have only one primary key field.`);
    }
    return primaryKey;
  }
  if (flagged.length > 1) throw invalidPayload(`Collection "${table}" can have only one primary key field.`);
  if (flagged.length === 0) {
    throw invalidPayload(
      `Collection "${table}" needs a primary key field (a field with schema.is_primary_key: true).`,
    );
  }
  return flagged[0];
}
