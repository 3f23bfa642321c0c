import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from '../errors/error-codes';

/**
 * What Node's HTTP parser refuses before any request object exists (the `clientError` event): an over-long
 * request line or headers, malformed bytes — also what follows a body shorter than its Content-Length — and a
 * request not received in time. Answered in the error envelope like everything else, then the socket is
 * closed, as Node does, because the parser cannot find the next request in it.
 */
export function clientErrorResponse(error: { code?: string }): string {
  const [status, code, message] = describe(error.code);
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

function describe(code: string | undefined): [number, ErrorCode, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'CONTENT_TOO_LARGE', 'Request header fields are too large (the URL counts too).'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'INVALID_PAYLOAD', 'The request was not received in time.'];
    default:
      return [400, 'INVALID_PAYLOAD', 'Invalid payload. The request is not valid HTTP.'];
  }
}

/** Fastify's `clientErrorHandler`: writes `clientErrorResponse` when the socket can still take it. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(clientErrorResponse(error));
  socket.destroy(error);
}
