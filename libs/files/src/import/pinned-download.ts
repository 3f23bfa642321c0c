import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { refusalOf, type AddressPolicy } from './address-policy';
import { ImportError } from './import-error';
import { downloadName, hostAddress, importUrl } from './import-url';

/** Every address a host name resolves to (the system resolver, `/etc/hosts` included). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface DownloadOptions {
  policy: AddressPolicy;
  /** The whole download — every hop and the last byte — must finish within this. */
  timeoutMs: number;
  /** More content than this fails with `too-large`. */
  maxBytes: number;
  maxRedirects?: number;
  resolve?: Resolver;
}

/** An answered download whose bytes have not been read yet. */
export interface Download {
  /** The URL of the last hop (after redirects). */
  url: URL;
  filename: string;
  contentType: string | null;
  /**
   * The bytes, streamed: fails with `too-large` past the limit and `timeout` past the deadline. Destroying
   * it (or reading it to the end) releases the connection.
   */
  content: Readable;
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, order: 'verbatim' }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/**
 * Fetches `text` with SSRF protection. Each hop's host is resolved here, every address it resolves to is
 * checked against the policy, and the connection is pinned to the checked address (the socket's lookup
 * answers with it), so a second DNS answer (rebinding) cannot send the request elsewhere. Redirects are
 * followed by hand, each one checked and pinned the same way.
 */
export async function openDownload(text: string, options: DownloadOptions): Promise<Download> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(new ImportError('timeout', `The download took longer than ${options.timeoutMs} ms.`)),
    options.timeoutMs,
  );
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  try {
    let url = importUrl(text);
    for (let redirects = 0; ; redirects++) {
      const address = await pinnedAddress(url, options, deadline.signal);
      const response = await get(url, address, deadline.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.destroy();
        if (redirects >= maxRedirects) {
          throw new ImportError('unreachable', `More than ${maxRedirects} redirects.`);
        }
        url = redirectTarget(url, location);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new ImportError('unreachable', `${url.host} answered ${status}.`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        throw tooLarge(options.maxBytes);
      }
      const content = cappedContent(response, options.maxBytes, deadline.signal);
      content.once('close', () => {
        clearTimeout(timer);
        response.destroy();
      });
      return {
        url,
        filename: downloadName(url, response.headers['content-disposition']),
        contentType: response.headers['content-type'] ?? null,
        content,
      };
    }
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
}

/** A redirect's target, under the same rules as the URL the caller gave (a remote's `ftp:` is refused). */
function redirectTarget(from: URL, location: string): URL {
  try {
    return importUrl(new URL(location, from).toString());
  } catch (error) {
    throw new ImportError('refused', `Refused redirect from ${from.host} to "${location}".`, {
      cause: error,
    });
  }
}

/** The address to connect to: the host's own literal, or its DNS answer — every record of which must pass. */
async function pinnedAddress(
  url: URL,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<LookupAddress> {
  const literal = hostAddress(url);
  const candidates = literal
    ? [{ address: literal, family: isIP(literal) }]
    : await resolveHost(url.hostname, options.resolve ?? systemResolver, signal);
  if (candidates.length === 0) throw new ImportError('unreachable', `${url.hostname} has no address.`);
  for (const candidate of candidates) {
    const refusal = refusalOf(candidate.address, options.policy);
    if (refusal) throw new ImportError('refused', `Refused to connect to ${url.host}: ${refusal}.`);
  }
  return candidates[0];
}

async function resolveHost(
  hostname: string,
  resolve: Resolver,
  signal: AbortSignal,
): Promise<LookupAddress[]> {
  try {
    return await untilAborted(resolve(hostname), signal);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('unreachable', `Could not resolve ${hostname}.`, { cause: error });
  }
}

/** The socket's lookup: whatever host it is asked for, the address already checked. */
function pinnedLookup(pinned: LookupAddress): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

function get(url: URL, pinned: LookupAddress, signal: AbortSignal): Promise<http.IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.get(url, {
      // A fresh connection per hop: a pooled socket might have been opened to another address.
      agent: false,
      lookup: pinnedLookup(pinned),
      signal,
      // Stored as sent; a compressed body would be stored compressed.
      headers: { 'accept-encoding': 'identity' },
    });
    request.once('response', (response) => {
      // Its errors reach whoever reads the content; one that comes while nobody reads must not crash the process.
      response.on('error', ignore);
      resolve(response);
    });
    request.once('error', (error) =>
      reject(
        signal.aborted
          ? (signal.reason as Error)
          : new ImportError('unreachable', `Could not fetch from ${url.host}: ${error.message}`, {
              cause: error,
            }),
      ),
    );
  });
}

/** The response's bytes, failing past `maxBytes` or when the deadline passes mid-download. */
function cappedContent(response: http.IncomingMessage, maxBytes: number, signal: AbortSignal): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let total = 0;
    const onAbort = () => response.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of response) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) throw tooLarge(maxBytes);
        yield chunk as Buffer;
      }
      if (!response.complete) throw new ImportError('unreachable', 'The download was cut off.');
    } catch (error) {
      if (error instanceof ImportError) throw error;
      if (signal.aborted) throw signal.reason as Error;
      throw new ImportError('unreachable', 'The download failed midway.', { cause: error });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

function ignore(): void {}

function tooLarge(maxBytes: number): ImportError {
  return new ImportError('too-large', `The file is larger than ${maxBytes} bytes.`);
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
