export * from './overview/schema-overview';
export { pgTypeToDirectus, ALIAS_SPECIALS } from './overview/pg-type-to-directus';
export { parseDefaultValue } from './overview/parse-default-value';
export { buildSchemaOverview, readSchemaOverview } from './overview/build-schema-overview';
export { deepFreeze } from './overview/deep-freeze';
export {
  SYSTEM_FIELDS,
  SYSTEM_RELATIONS,
  USER_STATUSES,
  type SystemField,
  type SystemRelation,
} from './overview/system-overlay';
export * from './cache/schema-invalidation';
export * from './cache/schema-cache';
export * from './schema.module';
export * from './ddl';
export * from './snapshot/snapshot-types';
export * from './snapshot/to-snapshot';
export * from './snapshot/diff-snapshots';
export * from './snapshot/plan-apply';
export * from './meta/meta-columns';
export * from './meta/meta-rows';
export * from './services';
