import { ScimError } from './scim-error';

/** One comparison of a SCIM filter (RFC 7644 §3.4.2.2), the subset Atrium answers. */
export interface ScimComparison {
  attribute: string;
  operator: 'eq' | 'co' | 'sw';
  value: string | boolean | number | null;
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|([A-Za-z][\w.:$-]*)|(\S))/y;

/**
 * `userName eq "ann@x.io" and active eq true` → comparisons joined by `and`. Other operators (`ne`, `gt`,
 * `pr`…), `or`, `not` and brackets are refused with `invalidFilter`, as the service provider config says.
 */
export function parseScimFilter(filter: string): ScimComparison[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    const match = TOKEN.exec(filter);
    if (!match) break;
    const token = match[1] ?? match[2] ?? match[3];
    if (token === undefined) break;
    tokens.push(token);
  }
  const invalid = (why: string) => new ScimError(400, `Invalid filter: ${why}.`, 'invalidFilter');
  if (tokens.length === 0) throw invalid('it is empty');
  const comparisons: ScimComparison[] = [];
  for (let n = 0; n < tokens.length; n += 4) {
    const [attribute, operator, raw, joiner] = tokens.slice(n, n + 4);
    if (!attribute || !/^[A-Za-z]/.test(attribute))
      throw invalid(`an attribute was expected at "${attribute ?? ''}"`);
    const op = operator?.toLowerCase();
    if (op !== 'eq' && op !== 'co' && op !== 'sw') {
      throw invalid(`"${operator ?? ''}" is not supported (eq, co, sw and "and" are)`);
    }
    if (raw === undefined) throw invalid(`"${attribute} ${operator}" has no value`);
    comparisons.push({ attribute, operator: op, value: literal(raw, invalid) });
    if (joiner !== undefined && joiner.toLowerCase() !== 'and') {
      throw invalid(`"${joiner}" is not supported between comparisons (and is)`);
    }
    if (joiner !== undefined && n + 4 >= tokens.length) throw invalid('it ends with "and"');
  }
  return comparisons;
}

function literal(raw: string, invalid: (why: string) => ScimError): ScimComparison['value'] {
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  throw invalid(`"${raw}" is not a value (strings are quoted)`);
}
