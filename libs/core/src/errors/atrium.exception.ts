import { ERROR_STATUS, ErrorCode } from './error-codes';

export type ErrorExtensions = Record<string, unknown>;

/**
 * The one exception type every layer throws. The global filter renders it as the Directus envelope
 * `{errors:[{message, extensions:{code, ...extensions}}]}` with the status of its code.
 */
export class AtriumException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: ErrorExtensions = {},
    /** Extra response headers (Retry-After, Allow…). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AtriumException';
    this.status = ERROR_STATUS[code];
  }
}

export const invalidPayload = (reason: string, extra: ErrorExtensions = {}): AtriumException =>
  new AtriumException('INVALID_PAYLOAD', `Invalid payload. ${reason}`, { reason, ...extra });

export const invalidQuery = (reason: string): AtriumException =>
  new AtriumException('INVALID_QUERY', `Invalid query. ${reason}`, { reason });

export const forbidden = (reason?: string): AtriumException =>
  new AtriumException(
    'FORBIDDEN',
    "You don't have permission to access this.",
    reason === undefined ? {} : { reason },
  );

export const routeNotFound = (path: string): AtriumException =>
  new AtriumException('ROUTE_NOT_FOUND', `Route ${path} doesn't exist.`);

export const invalidCredentials = (): AtriumException =>
  new AtriumException('INVALID_CREDENTIALS', 'Invalid user credentials.');

export const serviceUnavailable = (service: string, reason: string): AtriumException =>
  new AtriumException(
    'SERVICE_UNAVAILABLE',
    `Service "${service}" is unavailable. ${reason}`,
    { service },
    {
      'Retry-After': '5',
    },
  );

/** A project's storage quota refuses the write (DESIGN §3: ours, 413). */
export const limitExceeded = (reason: string): AtriumException =>
  new AtriumException('LIMIT_EXCEEDED', reason);

export const recordNotUnique = (collection: string, field: string | null): AtriumException =>
  new AtriumException(
    'RECORD_NOT_UNIQUE',
    field
      ? `Value for field "${field}" in collection "${collection}" has to be unique.`
      : 'Value has to be unique.',
    { collection, field },
  );

/** What a FAILED_VALIDATION names: Directus's extensions plus the sentence after "Validation failed…". */
export interface ValidationFailure {
  collection: string;
  field: string;
  /** The rule that failed: `required`, `nnull`, `regex`, `validation`, an operator such as `_in`… */
  type: string;
  detail: string;
  /** The keys leading to a nested item; empty at the top level. */
  path?: ReadonlyArray<string | number>;
}

/** A value breaks a rule on a field (400 FAILED_VALIDATION), with the extensions Directus gives. */
export const failedValidation = ({
  collection,
  field,
  type,
  detail,
  path = [],
}: ValidationFailure): AtriumException =>
  new AtriumException('FAILED_VALIDATION', `Validation failed for field "${field}". ${detail}`, {
    collection,
    field,
    type,
    path: [...path],
  });

/**
 * A string longer than its column (400 VALUE_TOO_LONG), worded as Directus's ValueTooLongError with
 * `collection`, `field` and `value`. `value` is null when the field is a secret: it is never echoed.
 */
export const valueTooLong = (collection: string, field: string, value: string | null): AtriumException =>
  new AtriumException(
    'VALUE_TOO_LONG',
    `Value ${value !== null ? `"${value}" ` : ''}for field "${field}" in collection "${collection}" is too long.`,
    { collection, field, value },
  );
