import type { QueryContext } from '@atrium/query';

/**
 * A permission's `validation` or `presets` with its dynamic variables replaced by this request's values
 * (they are evaluated in JS against the payload, not compiled to SQL). `$NOW` becomes an ISO timestamp.
 */
export function resolveVariables<T>(value: T, context: QueryContext): T {
  return substitute(value, context) as T;
}

function substitute(value: unknown, context: QueryContext): unknown {
  if (typeof value === 'string') return variable(value, context);
  if (Array.isArray(value)) return value.map((item) => substitute(item, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, context)]));
  }
  return value;
}

function variable(text: string, context: QueryContext): unknown {
  if (!text.startsWith('$')) return text;
  if (text === '$CURRENT_USER') return context.userId;
  if (text === '$CURRENT_ROLE') return context.roleId;
  if (text === '$CURRENT_ROLES') return [...(context.roles ?? [])];
  if (text === '$CURRENT_POLICIES') return [...(context.policies ?? [])];
  if (text === '$NOW') return context.now.toISOString();
  if (text.startsWith('$CURRENT_USER.') || text.startsWith('$CURRENT_ROLE.')) {
    return context.variables?.[text] ?? null;
  }
  return text;
}
