/**
 * A deliberately small, strict XML 1.0 reader for specs: it throws on anything not well-formed (bad names,
 * unbalanced or mismatched tags, a raw `<` or `&` in text, unknown entities, references to or raw characters
 * outside XML's `Char` production, `]]>` in text, anything but whitespace around the root) and returns the
 * element tree. It accepts only what the export writes — no attributes, comments, CDATA, PIs or DOCTYPE —
 * and implements the grammar on its own, so it checks the serializer instead of mirroring it.
 */

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's own character data, entities decoded (whitespace between child elements included). */
  text: string;
}

const NAME_START_RANGES: readonly [number, number][] = [
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];
const NAME_EXTRA_RANGES: readonly [number, number][] = [
  [0x2d, 0x2e],
  [0x30, 0x39],
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

const inRanges = (code: number, ranges: readonly [number, number][]) =>
  ranges.some(([low, high]) => code >= low && code <= high);

export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** XML 1.0 5th edition `Name`, colon excluded (namespace well-formedness: we declare no prefixes). */
export function isXmlName(name: string): boolean {
  const codes = [...name].map((char) => char.codePointAt(0) as number);
  return (
    codes.length > 0 &&
    inRanges(codes[0], NAME_START_RANGES) &&
    codes.every((code) => inRanges(code, NAME_START_RANGES) || inRanges(code, NAME_EXTRA_RANGES))
  );
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class Reader {
  private at = 0;

  constructor(private readonly source: string) {}

  document(): XmlElement {
    for (const char of this.source) {
      if (!isXmlChar(char.codePointAt(0) as number))
        this.fail(`character U+${this.hex(char)} is not allowed`);
    }
    if (this.source.startsWith('<?xml')) this.declaration();
    this.whitespace();
    const root = this.element();
    this.whitespace();
    if (this.at !== this.source.length) this.fail('content after the root element');
    return root;
  }

  private declaration(): void {
    const end = this.source.indexOf('?>');
    if (end < 0) this.fail('unterminated XML declaration');
    const body = this.source.slice(5, end);
    if (!/^\s+version="1\.0"(\s+encoding="UTF-8")?\s*$/.test(body))
      this.fail(`bad XML declaration "${body}"`);
    this.at = end + 2;
  }

  private element(): XmlElement {
    this.expect('<');
    const name = this.name();
    this.whitespace();
    if (this.source.startsWith('/>', this.at)) {
      this.at += 2;
      return { name, children: [], text: '' };
    }
    this.expect('>');
    const node: XmlElement = { name, children: [], text: '' };
    for (;;) {
      if (this.at >= this.source.length) this.fail(`<${name}> is never closed`);
      if (this.source.startsWith('</', this.at)) {
        this.at += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.whitespace();
        this.expect('>');
        return node;
      }
      if (this.source[this.at] === '<') node.children.push(this.element());
      else node.text += this.characterData();
    }
  }

  private characterData(): string {
    const char = this.source[this.at];
    if (char === '&') return this.reference();
    if (this.source.startsWith(']]>', this.at)) this.fail('"]]>" in character data');
    if (char === '>' || char === '"' || char === "'") {
      // Legal in text, but the export escapes them: seeing one raw means escaping was skipped.
      this.fail(`unescaped ${char}`);
    }
    const code = this.source.codePointAt(this.at) as number;
    this.at += code > 0xffff ? 2 : 1;
    // Parsers normalise a raw CR (or CRLF) to LF; the export writes &#13; to keep it.
    if (char === '\r') this.fail('raw carriage return');
    return String.fromCodePoint(code);
  }

  private reference(): string {
    const end = this.source.indexOf(';', this.at);
    if (end < 0) this.fail('unterminated reference');
    const body = this.source.slice(this.at + 1, end);
    this.at = end + 1;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
      if (!isXmlChar(code)) this.fail(`&${body}; refers to a character XML can't hold`);
      return String.fromCodePoint(code);
    }
    if (!Object.hasOwn(ENTITIES, body)) this.fail(`unknown entity &${body};`);
    return ENTITIES[body];
  }

  private name(): string {
    const match = /^[^\s/>=<&"']+/u.exec(this.source.slice(this.at, this.at + 1024));
    if (!match || !isXmlName(match[0])) this.fail(`"${match?.[0] ?? ''}" is not an XML name`);
    this.at += match[0].length;
    return match[0];
  }

  private whitespace(): void {
    while (/[ \t\r\n]/.test(this.source[this.at] ?? '')) this.at++;
  }

  private expect(text: string): void {
    if (!this.source.startsWith(text, this.at)) this.fail(`expected "${text}"`);
    this.at += text.length;
  }

  private hex(char: string): string {
    return (char.codePointAt(0) as number).toString(16).toUpperCase();
  }

  private fail(reason: string): never {
    const around = JSON.stringify(this.source.slice(Math.max(0, this.at - 40), this.at + 40));
    throw new Error(`not well-formed XML at ${this.at}: ${reason} (near ${around})`);
  }
}

/** Parses `source` as a whole document, or throws saying where it is not well-formed. */
export function readXml(source: string): XmlElement {
  return new Reader(source).document();
}

/** Undoes the export's name encoding (`_xHHHH_` / `_xHHHHHHHH_` → the character). */
export function decodeXmlName(name: string): string {
  return name.replace(/_x([0-9A-F]{8}|[0-9A-F]{4})_/g, (_match, hex: string) =>
    String.fromCodePoint(parseInt(hex, 16)),
  );
}

/**
 * An element as plain data, the way the export maps values: an element without child elements is its
 * text; one with children an object keyed by decoded name, where a repeated name collects an array.
 */
export function xmlValue(element: XmlElement): unknown {
  if (element.children.length === 0) return element.text;
  const value: Record<string, unknown> = {};
  const repeated = new Set<string>();
  for (const child of element.children) {
    const key = decodeXmlName(child.name);
    if (!Object.hasOwn(value, key)) value[key] = xmlValue(child);
    else {
      if (!repeated.has(key)) value[key] = [value[key]];
      repeated.add(key);
      (value[key] as unknown[]).push(xmlValue(child));
    }
  }
  return value;
}
