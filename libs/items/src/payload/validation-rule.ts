/**
 * Evaluates a field's `validation` filter (Directus filter syntax) against a payload in JS, as Directus does
 * for validation rules (`_regex` only exists here, never in SQL). Unknown operators fail closed.
 */
export function matchesRule(rule: unknown, payload: Readonly<Record<string, unknown>>): boolean {
  if (typeof rule !== 'object' || rule === null) return true;
  return Object.entries(rule as Record<string, unknown>).every(([key, child]) => {
    if (key === '_and') return Array.isArray(child) && child.every((part) => matchesRule(part, payload));
    if (key === '_or') return Array.isArray(child) && child.some((part) => matchesRule(part, payload));
    return matchesField(payload[key], child);
  });
}

function matchesField(value: unknown, rule: unknown): boolean {
  if (typeof rule !== 'object' || rule === null) return true;
  return Object.entries(rule as Record<string, unknown>).every(([op, operand]) => {
    if (op === '_and') return Array.isArray(operand) && operand.every((part) => matchesField(value, part));
    if (op === '_or') return Array.isArray(operand) && operand.some((part) => matchesField(value, part));
    return applies(op, value, operand);
  });
}

function asNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function applies(op: string, value: unknown, operand: unknown): boolean {
  const text = value === null || value === undefined ? '' : String(value);
  const needle = operand === null || operand === undefined ? '' : String(operand);
  const empty =
    value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);
  switch (op) {
    case '_eq':
      return operand === null ? value == null : String(value) === String(operand);
    case '_neq':
      return operand === null ? value != null : String(value) !== String(operand);
    case '_lt':
      return asNumber(value) < asNumber(operand);
    case '_lte':
      return asNumber(value) <= asNumber(operand);
    case '_gt':
      return asNumber(value) > asNumber(operand);
    case '_gte':
      return asNumber(value) >= asNumber(operand);
    case '_in':
      return Array.isArray(operand) && operand.map(String).includes(String(value));
    case '_nin':
      return Array.isArray(operand) && !operand.map(String).includes(String(value));
    case '_null':
      return (value == null) === (operand === true || operand === 'true');
    case '_nnull':
      return (value != null) === (operand === true || operand === 'true');
    case '_empty':
      return empty === (operand === true || operand === 'true');
    case '_nempty':
      return !empty === (operand === true || operand === 'true');
    case '_contains':
      return text.includes(needle);
    case '_ncontains':
      return !text.includes(needle);
    case '_icontains':
      return text.toLowerCase().includes(needle.toLowerCase());
    case '_starts_with':
      return text.startsWith(needle);
    case '_ends_with':
      return text.endsWith(needle);
    case '_regex':
      return regex(needle).test(text);
    default:
      return false;
  }
}

/** Directus stores regexes as `/body/flags` or a bare body. */
function regex(source: string): RegExp {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(source);
  return match ? new RegExp(match[1], match[2]) : new RegExp(source);
}
