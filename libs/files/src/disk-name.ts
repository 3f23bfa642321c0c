import { invalidPayload } from '@atrium/core';

/** A stored object's name: letters, digits, `-`, `_` and dots, never starting with a dot. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const SAFE_EXTENSION = /^\.[a-z0-9]{1,16}$/;

/**
 * The extension of a client's file name, lower-cased, or '' when it has none or an odd one. Only the last
 * segment counts whatever separator the client used, so `../../x.sh` gives `.sh` and nothing else.
 */
export function safeExtension(originalName: string): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return '';
  const extension = base.slice(dot).toLowerCase();
  return SAFE_EXTENSION.test(extension) ? extension : '';
}

/** `<file id><.ext>` (Directus's `filename_disk`). */
export function diskName(id: string, originalName: string): string {
  return assertSafeName(`${id}${safeExtension(originalName)}`);
}

/** A name a driver may use: no separators, no `..`, no hidden files (temporary names start with a dot). */
export function assertSafeName(name: string): string {
  if (!SAFE_NAME.test(name) || name.includes('..')) throw invalidPayload('Invalid file name.');
  return name;
}
