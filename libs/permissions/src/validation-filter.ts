import type { Filter } from '@atrium/query';

/**
 * The first field of `payload` a `validation` filter rejects, or null when it passes. Like Directus,
 * validation is evaluated in JS against the payload (`_regex` only exists here); unknown operators fail
 * closed. `partial` (updates): rules on fields the payload does not write are not checked.
 */
export function firstFailingField(
  filter: Filter,
  payload: Readonly<Record<string, unknown>>,
  partial = false,
): string | null {
  for (const [key, rule] of Object.entries(filter)) {
    if (key === '_and') {
      for (const part of asArray(rule)) {
        const failing = firstFailingField(part as Filter, payload, partial);
        if (failing !== null) return failing;
      }
      continue;
    }
    if (key === '_or') {
      const parts = asArray(rule);
      const failures = parts.map((part) => firstFailingField(part as Filter, payload, partial));
      if (parts.length > 0 && failures.every((failing) => failing !== null)) return failures[0];
      continue;
    }
    if (partial && payload[key] === undefined) continue;
    if (!fieldPasses(payload[key], rule)) return key;
  }
  return null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function fieldPasses(value: unknown, rule: unknown): boolean {
  if (typeof rule !== 'object' || rule === null) return false;
  return Object.entries(rule as Record<string, unknown>).every(([op, operand]) => {
    if (op === '_and') return asArray(operand).every((part) => fieldPasses(value, part));
    if (op === '_or') return asArray(operand).some((part) => fieldPasses(value, part));
    return operatorPasses(op, value, operand);
  });
}

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function truthy(operand: unknown): boolean {
  return operand === true || operand === 'true';
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function numeric(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function list(operand: unknown): string[] {
  return (Array.isArray(operand) ? operand : typeof operand === 'string' ? operand.split(',') : []).map(
    String,
  );
}

function operatorPasses(op: string, value: unknown, operand: unknown): boolean {
  switch (op) {
    case '_eq':
      return operand === null ? value == null : value != null && String(value) === String(operand);
    case '_neq':
      return operand === null ? value != null : value == null || String(value) !== String(operand);
    case '_ieq':
      return text(value).toLowerCase() === text(operand).toLowerCase();
    case '_nieq':
      return text(value).toLowerCase() !== text(operand).toLowerCase();
    case '_lt':
      return value != null && numeric(value) < numeric(operand);
    case '_lte':
      return value != null && numeric(value) <= numeric(operand);
    case '_gt':
      return value != null && numeric(value) > numeric(operand);
    case '_gte':
      return value != null && numeric(value) >= numeric(operand);
    case '_in':
      // An empty list admits nothing (a published advisory: `_in: []` must never pass).
      return value != null && list(operand).includes(String(value));
    case '_nin': {
      const values = list(operand);
      return values.length > 0 && (value == null || !values.includes(String(value)));
    }
    case '_null':
      return (value == null) === truthy(operand);
    case '_nnull':
      return (value != null) === truthy(operand);
    case '_empty':
      return isEmpty(value) === truthy(operand);
    case '_nempty':
      return !isEmpty(value) === truthy(operand);
    case '_contains':
      return text(value).includes(text(operand));
    case '_ncontains':
      return !text(value).includes(text(operand));
    case '_icontains':
      return text(value).toLowerCase().includes(text(operand).toLowerCase());
    case '_nicontains':
      return !text(value).toLowerCase().includes(text(operand).toLowerCase());
    case '_starts_with':
      return text(value).startsWith(text(operand));
    case '_nstarts_with':
      return !text(value).startsWith(text(operand));
    case '_istarts_with':
      return text(value).toLowerCase().startsWith(text(operand).toLowerCase());
    case '_ends_with':
      return text(value).endsWith(text(operand));
    case '_nends_with':
      return !text(value).endsWith(text(operand));
    case '_iends_with':
      return text(value).toLowerCase().endsWith(text(operand).toLowerCase());
    case '_between': {
      const [low, high] = Array.isArray(operand) ? operand : [];
      return value != null && numeric(value) >= numeric(low) && numeric(value) <= numeric(high);
    }
    case '_nbetween': {
      const [low, high] = Array.isArray(operand) ? operand : [];
      return value != null && (numeric(value) < numeric(low) || numeric(value) > numeric(high));
    }
    case '_regex':
      return regexOf(text(operand))?.test(text(value)) ?? false;
    default:
      return false;
  }
}

/** Directus stores regexes as `/body/flags` or a bare body; an invalid one fails closed. */
function regexOf(source: string): RegExp | null {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(source);
  try {
    return match ? new RegExp(match[1], match[2]) : new RegExp(source);
  } catch {
    return null;
  }
}
