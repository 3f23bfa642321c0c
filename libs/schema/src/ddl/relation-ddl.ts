import { invalidPayload } from '@atrium/core';
import { quoteIdent } from '@atrium/tenancy';
import type { DirectusType } from '../overview/schema-overview';
import { foreignKeyName } from './constraint-names';
import { type DdlStep, sqlOf } from './ddl-step';
import { existingIdentifier } from './identifiers';

/** The referential actions a relation's `schema.on_delete` / `on_update` may name. */
export const REFERENTIAL_ACTIONS = ['SET NULL', 'CASCADE', 'NO ACTION', 'RESTRICT', 'SET DEFAULT'] as const;
export type ReferentialAction = (typeof REFERENTIAL_ACTIONS)[number];

/** A foreign key from the "many" side (`many_collection.many_field`) to the "one" side's key. */
export interface ForeignKeySpec {
  many_collection: string;
  many_field: string;
  one_collection: string;
  /** The one side's primary key column (default `id`). */
  one_pk?: string;
  /** Default `SET NULL`, as Directus creates m2o relations. */
  on_delete?: string | null;
  /** Default `NO ACTION`. */
  on_update?: string | null;
  /** Default `<many_collection>_<many_field>_foreign` (≤ 63 bytes). */
  constraint_name?: string | null;
}

/** The action as PostgreSQL spells it, or null when it isn't one of `REFERENTIAL_ACTIONS`. */
export function referentialAction(value: unknown): ReferentialAction | null {
  if (typeof value !== 'string') return null;
  const normalised = value.trim().toUpperCase().replace(/\s+/g, ' ');
  return (REFERENTIAL_ACTIONS as readonly string[]).includes(normalised)
    ? (normalised as ReferentialAction)
    : null;
}

/** ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY for an m2o (or a junction's) relation. */
export function planAddForeignKey(spec: ForeignKeySpec): DdlStep[] {
  const table = existingIdentifier(spec.many_collection);
  const column = existingIdentifier(spec.many_field);
  const related = existingIdentifier(spec.one_collection);
  const key = existingIdentifier(spec.one_pk ?? 'id');
  const onDelete = actionOf(spec.on_delete, 'SET NULL', 'on_delete');
  const onUpdate = actionOf(spec.on_update, 'NO ACTION', 'on_update');
  const name = existingIdentifier(spec.constraint_name ?? foreignKeyName(table, column));
  return [
    {
      sql:
        `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${quoteIdent(column)}) ` +
        `REFERENCES ${quoteIdent(related)} (${quoteIdent(key)}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      why: `${table}.${column} references ${related}.${key}`,
    },
  ];
}

export function addForeignKey(spec: ForeignKeySpec): string[] {
  return sqlOf(planAddForeignKey(spec));
}

/** ALTER TABLE … DROP CONSTRAINT for a relation's foreign key (name from the catalog or `foreignKeyName`). */
export function planDropForeignKey(manyCollection: string, constraintName: string): DdlStep[] {
  const table = existingIdentifier(manyCollection);
  const name = existingIdentifier(constraintName);
  return [
    {
      sql: `ALTER TABLE ${quoteIdent(table)} DROP CONSTRAINT ${quoteIdent(name)}`,
      why: `drop foreign key ${name}`,
    },
  ];
}

export function dropForeignKey(manyCollection: string, constraintName: string): string[] {
  return sqlOf(planDropForeignKey(manyCollection, constraintName));
}

/** Type families whose values PostgreSQL can compare across a foreign key. */
const KEY_FAMILIES: readonly (readonly DirectusType[])[] = [
  ['integer', 'bigInteger'],
  ['string', 'text'],
  ['uuid'],
];

/** Why a `manyType` field can't reference a `oneType` key, or null. */
export function foreignKeyTypeProblem(manyType: DirectusType, oneType: DirectusType): string | null {
  const family = KEY_FAMILIES.find((types) => types.includes(oneType));
  if (!family)
    return `A ${oneType} field can't be the target of a relation; use an integer, bigInteger, string or uuid key.`;
  if (!family.includes(manyType)) {
    return `A ${manyType} field can't reference a ${oneType} key; give the field the key's type (${oneType}).`;
  }
  return null;
}

function actionOf(value: unknown, fallback: ReferentialAction, key: string): ReferentialAction {
  if (value === undefined || value === null) return fallback;
  const action = referentialAction(value);
  if (action === null) {
    throw invalidPayload(`schema.${key} must be one of ${REFERENTIAL_ACTIONS.join(', ')}.`);
  }
  return action;
}
