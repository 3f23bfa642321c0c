import type { CompiledSql, OperatorRecord, SqlBuild } from './operator-record';
import { OPERATOR_TABLE } from './operator-table';

type Table = typeof OPERATOR_TABLE;
export type OperatorName = keyof Table;
type WithSql<Kind extends OperatorRecord['sql']['kind']> = {
  [Name in OperatorName]: Table[Name]['sql']['kind'] extends Kind ? Name : never;
}[OperatorName];

/** Operators compiled to SQL. */
export type FilterOperator = WithSql<'compiled'>;
/** Geometry operators: Directus knows them, Atrium has no geometry types, so they are refused with a reason. */
export type GeometryOperator = WithSql<'refused'>;
/** Every operator a query's filter may name: the compiled ones, `_json` (rules inside a JSON value), geometry. */
export type FilterNodeOperator = WithSql<'compiled' | 'nested' | 'refused'>;

const NAMES = Object.keys(OPERATOR_TABLE) as OperatorName[];

function named<Name extends OperatorName>(kinds: readonly string[]): readonly Name[] {
  return NAMES.filter((name) => kinds.includes(OPERATOR_TABLE[name].sql.kind)) as Name[];
}

export const FILTER_OPERATORS = named<FilterOperator>(['compiled']);
export const GEOMETRY_OPERATORS = named<GeometryOperator>(['refused']);
export const FILTER_NODE_OPERATORS: ReadonlySet<string> = new Set(
  named<FilterNodeOperator>(['compiled', 'nested', 'refused']),
);

export function operatorRecord(name: OperatorName): OperatorRecord {
  return OPERATOR_TABLE[name];
}

/** The record named `name`, or undefined when no operator has that name (`constructor` included). */
export function findOperator(name: string): OperatorRecord | undefined {
  return Object.hasOwn(OPERATOR_TABLE, name) ? OPERATOR_TABLE[name as OperatorName] : undefined;
}

/** The SQL builder of a compiled operator. */
export function operatorSql(op: FilterOperator): SqlBuild {
  const sql: CompiledSql = OPERATOR_TABLE[op].sql;
  return sql.build;
}
