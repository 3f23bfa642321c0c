/**
 * Why an import from a URL failed, as the caller's API answers it:
 * - `invalid-url`: the URL given is not an http(s) URL (the caller's mistake);
 * - `refused`: a hop resolves to an address the policy refuses (loopback, private, metadata…);
 * - `unreachable`: DNS, connection or protocol failure, a non-2xx answer, too many redirects;
 * - `timeout`: the download did not finish in time;
 * - `too-large`: the content is over the upload size limit.
 */
export type ImportFailure = 'invalid-url' | 'refused' | 'unreachable' | 'timeout' | 'too-large';

export class ImportError extends Error {
  constructor(
    readonly failure: ImportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}
