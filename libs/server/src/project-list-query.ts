import { invalidQuery, isPlainObject } from '@atrium/core';
import { rebuildBrackets } from '@atrium/query';
import {
  PROJECT_SORT_FIELDS,
  type ProjectListQuery,
  type ProjectSortField,
  type ProjectStatus,
} from '@atrium/tenancy';

const STATUSES: readonly ProjectStatus[] = ['active', 'suspended'];
const MAX_LIMIT = 1_000;

/** What a list answers in `meta`, as Directus names it. */
export interface ListMeta {
  total_count: boolean;
  filter_count: boolean;
}

function wholeNumber(value: unknown, name: string, min: number): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw invalidQuery(`"${name}" has to be a whole number ≥ ${min}.`);
  return number;
}

function sortOf(value: unknown): ProjectListQuery['sort'] {
  if (value === undefined || value === '') return [];
  const parts = (Array.isArray(value) ? value : String(value).split(',')).map((part) => String(part).trim());
  return parts.map((part) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    if (!(PROJECT_SORT_FIELDS as readonly string[]).includes(field)) {
      throw invalidQuery(`Projects can't be sorted by "${field}": one of ${PROJECT_SORT_FIELDS.join(', ')}.`);
    }
    return { field: field as ProjectSortField, descending };
  });
}

/** `filter[status]=active`, `filter[status][_eq]=active` or `filter[status][_in]=active,suspended`. */
function statusesOf(value: unknown): ProjectStatus[] | null {
  if (value === undefined) return null;
  const filter = typeof value === 'string' ? jsonFilter(value) : value;
  if (!isPlainObject(filter) || Object.keys(filter).some((field) => field !== 'status')) {
    throw invalidQuery('Projects are filtered by "status" only.');
  }
  const condition = filter.status;
  const raw = isPlainObject(condition)
    ? (condition._eq ?? condition._in ?? invalidOperator(condition))
    : condition;
  const statuses = (Array.isArray(raw) ? raw : String(raw).split(',')).map((status) => String(status).trim());
  for (const status of statuses) {
    if (!STATUSES.includes(status as ProjectStatus)) {
      throw invalidQuery(`"${status}" is not a project status: active or suspended.`);
    }
  }
  return statuses as ProjectStatus[];
}

/** `filter={"status":{"_eq":"active"}}`, as Directus also takes it. */
function jsonFilter(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidQuery('"filter" is not valid JSON.');
  }
}

function invalidOperator(condition: Record<string, unknown>): never {
  throw invalidQuery(
    `Project statuses are filtered with _eq or _in, not ${Object.keys(condition).join(', ')}.`,
  );
}

/**
 * `GET /server/projects`'s query: `limit` (-1 or absent: all), `offset` or `page`, `sort` (`-size,key`),
 * `search` (key or name), `filter[status]`, `meta` (`total_count`, `filter_count`, `*`).
 */
export function projectListQuery(flat: Record<string, unknown>): { query: ProjectListQuery; meta: ListMeta } {
  const raw = rebuildBrackets(flat);
  const limitValue = raw.limit === '-1' || raw.limit === -1 ? null : wholeNumber(raw.limit, 'limit', 0);
  if (limitValue !== null && limitValue > MAX_LIMIT) throw invalidQuery(`"limit" is at most ${MAX_LIMIT}.`);
  const page = wholeNumber(raw.page, 'page', 1);
  const offset =
    wholeNumber(raw.offset, 'offset', 0) ?? (page !== null && limitValue ? (page - 1) * limitValue : 0);
  const search = raw.search === undefined ? null : String(raw.search);
  const meta = String(raw.meta ?? '')
    .split(',')
    .map((part) => part.trim());
  return {
    query: {
      sort: sortOf(raw.sort),
      search: search === '' ? null : search,
      statuses: statusesOf(raw.filter),
      limit: limitValue,
      offset,
    },
    meta: {
      total_count: meta.includes('total_count') || meta.includes('*'),
      filter_count: meta.includes('filter_count') || meta.includes('*'),
    },
  };
}
