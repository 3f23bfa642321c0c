import type { FieldOverview } from '@atrium/schema';
import { isConcealedField } from '../validate/concealed';

const MASK = "'**********'";

/**
 * The JSON value of `expr` (a column of `field`), typed as Directus returns it: bigints beyond 2^53 and
 * decimals as strings, dates as ISO strings, csv as arrays, concealed and hashed values masked.
 */
export function outputExpression(expr: string, field: FieldOverview): string {
  if (isConcealedField(field)) {
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE to_json(${MASK}::text) END`;
  }
  switch (field.type) {
    case 'bigInteger':
      return `CASE WHEN abs(${expr}) > 9007199254740991 THEN to_json(${expr}::text) ELSE to_json(${expr}) END`;
    case 'decimal':
      return `to_json(${expr}::text)`;
    case 'timestamp':
      return field.schema?.data_type.includes('with time zone')
        ? `to_json(to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
        : `to_json(${expr})`;
    case 'dateTime':
      return field.schema?.data_type.startsWith('timestamp')
        ? `to_json(to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS'))`
        : `to_json(${expr})`;
    case 'date':
      return field.schema?.data_type === 'date'
        ? `to_json(to_char(${expr}, 'YYYY-MM-DD'))`
        : `to_json(${expr})`;
    case 'time':
      return field.schema?.data_type.startsWith('time') ? `to_json(${expr}::text)` : `to_json(${expr})`;
    case 'csv':
      return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${expr}::text = '' THEN '[]'::json ELSE to_json(string_to_array(${expr}::text, ',')) END`;
    case 'json':
      return field.schema && /^jsonb?$/.test(field.schema.data_type) ? `to_json(${expr})` : `(${expr})::json`;
    default:
      return `to_json(${expr})`;
  }
}
