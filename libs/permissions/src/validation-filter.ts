import { findOperator, type Filter } from '@atrium/query';

/**
 * The first field of `payload` a `validation` filter rejects, or null when it passes. Like Directus,
 * validation is evaluated in JS against the payload, with the operator table's predicates (`_regex` only
 * exists here); unknown operators fail closed. `partial` (updates): rules on fields the payload does not
 * write are not checked.
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

/** Unknown operators, and those the table marks as not evaluable in JS, fail closed: they never pass. */
function operatorPasses(op: string, value: unknown, operand: unknown): boolean {
  const js = findOperator(op)?.js;
  return js?.kind === 'evaluated' ? js.test(value, operand) : false;
}
