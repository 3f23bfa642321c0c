/** One part of a qualified name as `regclass` prints it: bare lowercase, or double-quoted with `""` escapes. */
const NAME_PART = /^(?:([a-z_][a-z0-9_$]*)|"((?:[^"]|"")+)")/;
const NEXTVAL = /^nextval\('((?:[^']|'')+)'(?:::regclass)?\)$/i;

/**
 * The sequence an auto-increment column draws from, as name parts (`['public', 'articles_id_seq']`), parsed
 * from the `nextval('…'::regclass)` default the catalog reports; null when the default isn't one. The parts
 * are unquoted names, to be quoted again with `quoteIdent`: catalog text is never spliced into SQL as-is.
 */
export function sequenceOfDefault(defaultValue: unknown): string[] | null {
  if (typeof defaultValue !== 'string') return null;
  const call = NEXTVAL.exec(defaultValue.trim());
  if (!call) return null;
  let rest = call[1].replace(/''/g, "'");
  const parts: string[] = [];
  for (;;) {
    const part = NAME_PART.exec(rest);
    if (!part) return null;
    parts.push(part[1] ?? part[2].replace(/""/g, '"'));
    rest = rest.slice(part[0].length);
    if (rest === '') break;
    if (!rest.startsWith('.')) return null;
    rest = rest.slice(1);
  }
  return parts.length <= 2 ? parts : null;
}
