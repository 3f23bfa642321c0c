import { AtriumException, invalidPayload, translateDatabaseError } from '@atrium/core';

interface PgErrorLike {
  code?: string;
  table?: string;
  column?: string;
}

/**
 * Turns a PostgreSQL error raised by schema DDL into the 400 a client can act on. The validation before the
 * DDL catches bad input; these are the cases only the data can tell (nulls, duplicates, values that don't
 * convert). Nothing raw from PostgreSQL is passed on.
 */
export function translateSchemaError(error: unknown): unknown {
  if (error instanceof AtriumException || !(error instanceof Error)) return error;
  const pg = error as PgErrorLike;
  const where = pg.column
    ? `Field "${pg.column}"${pg.table ? ` of collection "${pg.table}"` : ''}`
    : 'A field';
  switch (pg.code) {
    case '23502':
      return new AtriumException('CONTAINS_NULL_VALUES', `${where} contains null values.`, {
        collection: pg.table ?? null,
        field: pg.column ?? null,
      });
    case '23505':
      return invalidPayload('The existing values are not unique, so the field can not be made unique.');
    case '23503':
      return invalidPayload(
        'Some existing values do not match an item of the related collection, so the relation can not be created.',
      );
    case '22P02':
    case '22003':
    case '22001':
    case '22007':
    case '22008':
    case '22023':
    case '22018':
    case '42804':
    case '42846':
      return invalidPayload(
        'The existing values can not be converted to the new type (or fit its new size); fix or remove them first.',
      );
    case '42P07':
    case '42701':
    case '42710':
      return invalidPayload('A table, column or constraint of that name already exists in the database.');
    case '2BP01':
      return invalidPayload('Other database objects depend on it; remove them first.');
    default:
      return translateDatabaseError(error) ?? error;
  }
}
