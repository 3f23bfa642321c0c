import { AtriumException, serviceUnavailable } from './atrium.exception';

/** The parts of a node-postgres `DatabaseError` the translation reads. */
interface PgErrorLike {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True for errors meaning "the database is not reachable right now" rather than "the query is wrong". */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as PgErrorLike).code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08xxx connection exceptions.
  if (code && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03'))
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|the database system is (starting|shutting) up/.test(
    error.message,
  );
}

/**
 * A unique violation's detail reads `Key (email)=(a@b.c) already exists.`, or for an expression index
 * `Key (lower((email)::text))=(…)`: the first identifier inside the key is the column.
 */
export function columnFromDetail(detail: string | undefined): string | null {
  const key = detail ? /^Key \((.+?)\)=\(/.exec(detail) : null;
  if (!key) return null;
  // Casts (`email::text`) follow the column inside expression indexes.
  const identifier = /(?:^|\()"?([A-Za-z_][A-Za-z0-9_$]*)"?(?:::[a-z ]+)?(?:\)|,|$)/.exec(
    key[1].replace(/^lower\(/, '('),
  );
  return identifier ? identifier[1] : null;
}

/**
 * The offending value of a unique violation, from the same detail: `Key (email)=(a@b.c) already exists.` →
 * `a@b.c` (several columns: `1, 2`, as PostgreSQL prints them). Null when the detail says none.
 */
export function valueFromDetail(detail: string | undefined): string | null {
  const key = detail ? /^Key \(.+?\)=\((.*)\) already exists\.?$/s.exec(detail) : null;
  return key ? key[1] : null;
}

/** Directus's wording (RecordNotUniqueError): `Value "x" for field "f" in collection "c" has to be unique.` */
function notUniqueMessage(collection: string, field: string | null, value: string | null): string {
  const parts = [
    value !== null ? `"${value}"` : '',
    field ? `for field "${field}"` : '',
    collection ? `in collection "${collection}"` : '',
  ].filter(Boolean);
  return ['Value', ...parts, 'has to be unique.'].join(' ');
}

/**
 * Turns a PostgreSQL error into the Directus error a client expects (DESIGN §3). Nothing raw from PostgreSQL
 * reaches a client: unknown database errors return `null`, and the caller renders a generic 500.
 */
export function translateDatabaseError(error: unknown): AtriumException | null {
  if (isConnectionError(error)) return serviceUnavailable('database', 'The database could not be reached.');
  if (!(error instanceof Error)) return null;
  const pg = error as PgErrorLike;
  const collection = pg.table ?? '';
  switch (pg.code) {
    case '23505': {
      const field = pg.column ?? columnFromDetail(pg.detail);
      const value = valueFromDetail(pg.detail);
      return new AtriumException('RECORD_NOT_UNIQUE', notUniqueMessage(collection, field, value), {
        collection,
        field,
        value,
      });
    }
    case '23502':
      return new AtriumException('NOT_NULL_VIOLATION', `Value for field "${pg.column}" can't be null.`, {
        collection,
        field: pg.column ?? null,
      });
    case '23503': {
      const field = columnFromDetail(pg.detail);
      return new AtriumException(
        'INVALID_FOREIGN_KEY',
        `Invalid foreign key${field ? ` for field "${field}"` : ''}.`,
        {
          collection,
          field,
        },
      );
    }
    case '22001':
      return new AtriumException('VALUE_TOO_LONG', 'Value is too long.', {
        collection,
        field: pg.column ?? null,
      });
    case '22003':
      return new AtriumException('VALUE_OUT_OF_RANGE', 'Numeric value is out of range.', {
        collection,
        field: pg.column ?? null,
      });
    case '23514':
      return new AtriumException('FAILED_VALIDATION', 'Value does not satisfy a check constraint.', {
        collection,
        field: pg.column ?? null,
      });
    case '22021':
      // character_not_in_repertoire: a NUL byte (or bytes invalid in UTF-8) that slipped past the body checks.
      return new AtriumException(
        'INVALID_PAYLOAD',
        "Invalid payload. A value holds a character the database can't store.",
        { reason: "A value holds a character the database can't store." },
      );
    case '22P02':
    case '22007':
    case '22008':
    case '22023':
    case '22P05':
    case '2200N':
    case '22030':
    case '22032':
      return new AtriumException('INVALID_PAYLOAD', 'Invalid value for the field type.', {
        reason: 'Invalid value for the field type.',
      });
    case '57014':
      return serviceUnavailable('database', 'The query took too long.');
    case '3D000':
      return serviceUnavailable('database', 'The project database is missing.');
    case '53300':
      return serviceUnavailable('database', 'Too many connections.');
    default:
      return null;
  }
}
