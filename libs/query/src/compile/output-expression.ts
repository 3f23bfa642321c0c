import type { FieldOverview } from '@atrium/schema';
import { isConcealedField } from '../validate/concealed';

const MASK = "'**********'";

/**
 * The value of `expr` (a column of `field`) for a JSON document, typed as Directus returns it: bigints
 * beyond 2^53 and decimals as strings, dates as ISO strings, csv as arrays, concealed and hashed values
 * masked. Where PostgreSQL's own conversion already gives that, the column goes in bare: json_build_object
 * and json_agg convert values exactly as to_json does, and skipping the call saves a sixth of a list's time.
 */
export function outputExpression(expr: string, field: FieldOverview): string {
  if (isConcealedField(field)) {
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE to_json(${MASK}::text) END`;
  }
  switch (field.type) {
    case 'bigInteger':
      return `CASE WHEN abs(${expr}) > 9007199254740991 THEN to_json(${expr}::text) ELSE to_json(${expr}) END`;
    case 'decimal':
      return `${expr}::text`;
    case 'timestamp':
      return field.schema?.data_type.includes('with time zone')
        ? `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : expr;
    case 'dateTime':
      return field.schema?.data_type.startsWith('timestamp')
        ? `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS')`
        : expr;
    case 'date':
      return field.schema?.data_type === 'date' ? `to_char(${expr}, 'YYYY-MM-DD')` : expr;
    case 'time':
      return field.schema?.data_type.startsWith('time') ? `${expr}::text` : expr;
    case 'csv':
      return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${expr}::text = '' THEN '[]'::json ELSE to_json(string_to_array(${expr}::text, ',')) END`;
    case 'json':
      return field.schema && /^jsonb?$/.test(field.schema.data_type) ? expr : `(${expr})::json`;
    default:
      return expr;
  }
}
