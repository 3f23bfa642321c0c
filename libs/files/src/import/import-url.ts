import { isIP } from 'node:net';
import * as path from 'node:path';
import { ImportError } from './import-error';

const SCHEMES = new Set(['http:', 'https:']);

/**
 * The URL to fetch, or an `invalid-url` error: only http and https. The WHATWG parser already turns the
 * numeric spellings of an IPv4 host (`2130706433`, `0x7f.1`, `0177.0.0.1`) into dotted form, so the address
 * checks see `127.0.0.1`.
 */
export function importUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ImportError('invalid-url', `"${text}" is not a valid URL.`);
  }
  if (!SCHEMES.has(url.protocol)) {
    throw new ImportError('invalid-url', `Only http and https URLs can be imported, not ${url.protocol}.`);
  }
  if (url.hostname === '') throw new ImportError('invalid-url', `"${text}" names no host.`);
  return url;
}

/** The host of the URL when it is an IP literal (`[::1]` without its brackets), else null (a DNS name). */
export function hostAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? null : host;
}

/**
 * The name the file is downloaded as: Content-Disposition's filename when the server gives one, else the
 * URL path's last segment (as Directus), else `file`. Only a base name, without NUL (it reaches a text column).
 */
export function downloadName(url: URL, contentDisposition?: string): string {
  const named = contentDisposition ? dispositionFilename(contentDisposition) : null;
  const segment = url.pathname.split('/').pop() ?? '';
  const name = baseName(named ?? decoded(segment));
  return name === '' ? 'file' : name;
}

function baseName(name: string): string {
  return path.posix.basename(name.replaceAll('\\', '/')).replaceAll('\u0000', '');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `filename*=UTF-8''na%C3%AFve.txt` (RFC 6266, preferred) or `filename="report.pdf"` / `filename=a.txt`. */
function dispositionFilename(header: string): string | null {
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) return decoded(extended[2].trim());
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const plain = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain ? plain[1] : null;
}
