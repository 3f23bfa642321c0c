/**
 * Text read from an image's metadata, made safe to store: control characters (NUL above all, which
 * PostgreSQL text cannot hold) removed, trimmed, and cut to `max` characters so a hostile file cannot fill a
 * row. Empty text is no text.
 */
export function boundedText(text: string, max: number): string | undefined {
  // eslint-disable-next-line no-control-regex -- the control characters are what is removed
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!clean) return undefined;
  return [...clean].slice(0, max).join('');
}
