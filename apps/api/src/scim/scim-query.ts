import { ScimError } from './scim-error';
import { parseScimFilter } from './scim-filter';

/** A SCIM attribute as a SQL expression; `caseExact` ones compare as written, the rest case-insensitively. */
export interface ScimColumn {
  sql: string;
  caseExact?: boolean;
  /** `active`: compared with a boolean, as `status = 'active'`. */
  boolean?: (value: boolean) => string;
}

export interface ScimPage {
  offset: number;
  limit: number;
  startIndex: number;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `?filter=` as a WHERE clause with its parameters (numbered after `offset` existing ones). */
export function filterSql(
  filter: unknown,
  columns: Record<string, ScimColumn>,
  offset = 0,
): { where: string; values: unknown[] } {
  if (filter === undefined || filter === '') return { where: 'TRUE', values: [] };
  if (typeof filter !== 'string')
    throw new ScimError(400, 'Invalid filter: it has to be one string.', 'invalidFilter');
  const clauses: string[] = [];
  const values: unknown[] = [];
  for (const { attribute, operator, value } of parseScimFilter(filter)) {
    const column = columns[attribute] ?? columns[attribute.toLowerCase()];
    if (!column)
      throw new ScimError(400, `Invalid filter: "${attribute}" cannot be filtered on.`, 'invalidFilter');
    if (column.boolean) {
      const flag =
        value === true || value === 'true' ? true : value === false || value === 'false' ? false : null;
      if (operator !== 'eq' || flag === null) {
        throw new ScimError(
          400,
          `Invalid filter: "${attribute}" takes eq true or eq false.`,
          'invalidFilter',
        );
      }
      clauses.push(column.boolean(flag));
      continue;
    }
    if (typeof value !== 'string') {
      throw new ScimError(
        400,
        `Invalid filter: "${attribute}" is compared with a quoted string.`,
        'invalidFilter',
      );
    }
    const n = offset + values.length + 1;
    if (operator === 'eq') {
      values.push(value);
      clauses.push(column.caseExact ? `${column.sql} = $${n}` : `lower(${column.sql}) = lower($${n})`);
    } else {
      values.push(operator === 'co' ? `%${likeEscape(value)}%` : `${likeEscape(value)}%`);
      clauses.push(`${column.sql} ${column.caseExact ? 'LIKE' : 'ILIKE'} $${n} ESCAPE '\\'`);
    }
  }
  return { where: clauses.join(' AND '), values };
}

/** `startIndex` (1-based) and `count` (0 asks only for the total), bounded at 1,000 per page. */
export function scimPage(query: Record<string, unknown>): ScimPage {
  const number = (name: string, fallback: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value))
      throw new ScimError(400, `"${name}" has to be a whole number.`, 'invalidValue');
    return value;
  };
  const startIndex = Math.max(1, number('startIndex', 1));
  const limit = Math.min(1000, Math.max(0, number('count', 100)));
  return { offset: startIndex - 1, limit, startIndex };
}
