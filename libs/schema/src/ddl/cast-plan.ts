import type { DirectusType } from '../overview/schema-overview';
import { DIRECTUS_TYPES } from './field-types';

/**
 * How a field's column changes from one Directus type to another. `via` is the fixed SQL type the old value
 * is cast to in `USING "column"::via` (null: no USING, PostgreSQL's assignment conversion is enough).
 * Conversions that can fail on some values (`mayFail`) are still allowed: the failing value aborts the
 * transaction and the service turns PostgreSQL's error into a 400. Nothing is truncated silently: a value
 * too long for a `varchar(n)` target fails instead (the cast goes through `text`, and the final assignment
 * to `varchar(n)` checks the length).
 */
export type CastPlan =
  | { allowed: true; via: string | null; mayFail: boolean; note: string | null }
  | { allowed: false; reason: string };

interface CastRule {
  via: string;
  mayFail: boolean;
  note?: string;
}

const TEXTUAL: readonly DirectusType[] = ['string', 'text', 'csv'];
const SESSION_ZONE = "values are converted in the connection's time zone";

const fromText = (via: string): Record<string, CastRule> =>
  Object.fromEntries(
    TEXTUAL.map((type) => [type, { via, mayFail: true, note: `text that isn't a valid ${via} fails` }]),
  );

/** Types with no text form: binary holds bytes; alias and unknown have no column Atrium can convert. */
const NO_TEXT_FORM: readonly DirectusType[] = ['binary', 'alias', 'unknown'];

/** Anything with a text form can become text. */
const TO_TEXT: Record<string, CastRule> = Object.fromEntries(
  DIRECTUS_TYPES.filter((type) => !NO_TEXT_FORM.includes(type)).map((type) => [
    type,
    { via: 'text', mayFail: false },
  ]),
);

/** target → source → rule. A pair missing here is refused. */
const CAST_RULES: Readonly<Partial<Record<DirectusType, Readonly<Record<string, CastRule>>>>> = {
  string: Object.fromEntries(
    Object.entries(TO_TEXT).map(([type, rule]) => [
      type,
      { ...rule, mayFail: true, note: "values longer than the new max_length fail; they're never truncated" },
    ]),
  ),
  text: TO_TEXT,
  csv: TO_TEXT,
  integer: {
    bigInteger: { via: 'integer', mayFail: true, note: 'values beyond the integer range fail' },
    float: {
      via: 'integer',
      mayFail: true,
      note: 'values are rounded; values beyond the integer range fail',
    },
    decimal: {
      via: 'integer',
      mayFail: true,
      note: 'values are rounded; values beyond the integer range fail',
    },
    boolean: { via: 'integer', mayFail: false, note: 'true becomes 1 and false 0' },
    ...fromText('integer'),
  },
  bigInteger: {
    integer: { via: 'bigint', mayFail: false },
    float: { via: 'bigint', mayFail: true, note: 'values are rounded; values beyond the bigint range fail' },
    decimal: {
      via: 'bigint',
      mayFail: true,
      note: 'values are rounded; values beyond the bigint range fail',
    },
    // PostgreSQL has no boolean → bigint cast; through integer it widens implicitly.
    boolean: { via: 'integer', mayFail: false, note: 'true becomes 1 and false 0' },
    ...fromText('bigint'),
  },
  float: {
    integer: { via: 'real', mayFail: false, note: 'large values lose precision' },
    bigInteger: { via: 'real', mayFail: false, note: 'large values lose precision' },
    decimal: { via: 'real', mayFail: true, note: 'values lose precision; values beyond the real range fail' },
    ...fromText('real'),
  },
  decimal: {
    integer: {
      via: 'numeric',
      mayFail: true,
      note: 'values with more digits than the precision allows fail',
    },
    bigInteger: {
      via: 'numeric',
      mayFail: true,
      note: 'values with more digits than the precision allows fail',
    },
    float: { via: 'numeric', mayFail: true, note: 'values are rounded to the scale; too many digits fail' },
    decimal: { via: 'numeric', mayFail: true, note: 'values are rounded to the scale; too many digits fail' },
    ...fromText('numeric'),
  },
  boolean: {
    integer: { via: 'boolean', mayFail: false, note: '0 becomes false and every other number true' },
    ...fromText('boolean'),
  },
  date: {
    dateTime: { via: 'date', mayFail: false, note: 'the time of day is dropped' },
    timestamp: { via: 'date', mayFail: false, note: `the time of day is dropped; ${SESSION_ZONE}` },
    ...fromText('date'),
  },
  time: {
    dateTime: { via: 'time', mayFail: false, note: 'the date is dropped' },
    timestamp: { via: 'time', mayFail: false, note: `the date is dropped; ${SESSION_ZONE}` },
    ...fromText('time'),
  },
  dateTime: {
    date: { via: 'timestamp', mayFail: false, note: 'values become midnight of their date' },
    timestamp: { via: 'timestamp', mayFail: false, note: SESSION_ZONE },
    ...fromText('timestamp'),
  },
  timestamp: {
    date: {
      via: 'timestamptz',
      mayFail: false,
      note: `values become midnight of their date; ${SESSION_ZONE}`,
    },
    dateTime: { via: 'timestamptz', mayFail: false, note: SESSION_ZONE },
    ...fromText('timestamptz'),
  },
  json: fromText('json'),
  uuid: fromText('uuid'),
};

/**
 * Whether PostgreSQL can turn a `from` column into a `to` column, and how; or why not, as a sentence for
 * a 400 INVALID_PAYLOAD. Same type to same type is allowed (options such as max_length may still change).
 */
export function castPlan(from: DirectusType, to: DirectusType): CastPlan {
  if (from === 'alias' || to === 'alias') {
    return from === to
      ? { allowed: true, via: null, mayFail: false, note: null }
      : refused(
          "Alias fields have no column, so a field can't change to or from the alias type; delete it and create it again.",
        );
  }
  if (from === 'unknown' || to === 'unknown') {
    return refused("The column's type isn't one Atrium maps, so it can't be converted to or from it.");
  }
  if (from === to) {
    // decimal → decimal may change precision/scale: the assignment to numeric(p, s) rounds to the new scale.
    return from === 'decimal'
      ? {
          allowed: true,
          via: null,
          mayFail: true,
          note: 'values are rounded to the scale; too many digits fail',
        }
      : { allowed: true, via: null, mayFail: from === 'string', note: null };
  }
  if (to === 'hash') {
    return refused(
      `Can't change a ${from} field to hash: its existing values aren't hashes, and hashing happens only when values are written.`,
    );
  }
  if (from === 'binary' || to === 'binary') {
    return refused(
      `Can't change a field from ${from} to ${to}: binary data has no conversion to or from other types.`,
    );
  }
  const rule = CAST_RULES[to]?.[from];
  if (!rule)
    return refused(
      `Can't change a field from ${from} to ${to}: PostgreSQL has no conversion between these types.`,
    );
  return { allowed: true, via: rule.via, mayFail: rule.mayFail, note: rule.note ?? null };
}

function refused(reason: string): CastPlan {
  return { allowed: false, reason };
}
