/**
 * The XML export, written item by item so a batch never needs the whole document. The shape follows
 * Directus's (js2xmlparser's) convention:
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <data>
 *     <data><id>1</id><title>…</title><tags>a</tags><tags>b</tags></data>
 *   </data>
 *
 * - an item is a `<data>` element, each field a child element named after it, in the row's key order;
 * - an object becomes child elements per key; an array repeats its parent's element once per entry (an
 *   array inside an array becomes one element holding the repeated ones); an empty array, `null` and
 *   `undefined` are an empty element, so every field shows up at least once;
 * - text is escaped (`& < > " '`, and CR as `&#13;` so parsers don't normalise it away) and characters
 *   XML 1.0 forbids (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped;
 * - a key that is not an XML name is encoded as XmlConvert/ISO 9075 do: each offending character becomes
 *   `_xHHHH_` (`_xHHHHHHHH_` beyond the BMP), e.g. `first name` → `first_x0020_name`, `2nd` → `_x0032_nd`;
 *   a `_` that would read as such an escape becomes `_x005F_`, so decoding gives the key back. `:` is
 *   encoded too (namespace-aware parsers would take it as a prefix). The empty key becomes `_`.
 */

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ROOT = 'data';
const INDENT = '  ';

/** Everything outside XML 1.0's `Char` production (with `u`, a lone surrogate is one code point). */
const ILLEGAL_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** XML 1.0 (5th edition) `NameStartChar`, without `:`. */
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_START_CHAR = new RegExp(`^[${NAME_START}]$`, 'u');
// Ranges of combining marks (U+0300–U+036F) are what the rule flags; each test here is one code point
// against the class, so no mark can combine with a neighbour.
// eslint-disable-next-line no-misleading-character-class
const NAME_CHAR = new RegExp(`^[${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]$`, 'u');
/** What a decoder would read as an escape: `_x` + 4 or 8 hex digits + `_`. */
const ESCAPE_LOOKALIKE = /^_x(?:[0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})_/;

function hexEscape(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return `_x${hex.padStart(codePoint > 0xffff ? 8 : 4, '0')}_`;
}

/** A value's text as XML character data: escaped, with characters XML can't hold dropped. */
export function xmlText(text: string): string {
  return text.replace(ILLEGAL_CHARS, '').replace(/[&<>"'\r]/g, (char) => ESCAPES[char]);
}

/** A key as a well-formed element name (see the file comment for the encoding). */
export function xmlName(key: string): string {
  if (key === '') return '_';
  let name = '';
  let index = 0;
  for (const char of key) {
    const codePoint = char.codePointAt(0) as number;
    const valid = (index === 0 ? NAME_START_CHAR : NAME_CHAR).test(char);
    const lookalike = char === '_' && ESCAPE_LOOKALIKE.test(key.slice(index));
    name += valid && !lookalike ? char : hexEscape(codePoint);
    index += char.length;
  }
  return name;
}

function scalarText(value: unknown): string {
  return xmlText(typeof value === 'string' ? value : String(value));
}

/** The element(s) for one key: one element, or one per entry of a non-empty array. */
function fieldElements(name: string, value: unknown, indent: string): string {
  if (!Array.isArray(value) || value.length === 0) return element(name, value, indent);
  return value.map((entry) => element(name, entry, indent)).join('');
}

function element(name: string, value: unknown, indent: string): string {
  const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  if (empty) return `${indent}<${name}/>\n`;
  if (typeof value !== 'object') return `${indent}<${name}>${scalarText(value)}</${name}>\n`;
  // An array entry that is itself an array: one element holding its entries, repeated under the same name.
  const children = Array.isArray(value)
    ? fieldElements(name, value, indent + INDENT)
    : Object.entries(value as Record<string, unknown>)
        .map(([key, child]) => fieldElements(xmlName(key), child, indent + INDENT))
        .join('');
  return children ? `${indent}<${name}>\n${children}${indent}</${name}>\n` : `${indent}<${name}/>\n`;
}

/** The declaration and the root's start tag: what comes before the first item. */
export function xmlDocumentStart(): string {
  return `${XML_DECLARATION}<${ROOT}>\n`;
}

/** One item of the export. */
export function xmlItem(row: Readonly<Record<string, unknown>>): string {
  return element(ROOT, row, INDENT);
}

/** The root's end tag, after the last item. */
export function xmlDocumentEnd(): string {
  return `</${ROOT}>\n`;
}

/** The whole file when there are no items. */
export function xmlEmptyDocument(): string {
  return `${XML_DECLARATION}<${ROOT}/>\n`;
}
