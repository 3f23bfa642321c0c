import { request as httpRequest } from 'node:http';
import { BOUNDARY, fileBody } from '../system-data/multipart-fixture';

export interface SlowUpload {
  answered: Promise<{ status: number; text: string }>;
  /** Sends the rest of the body (once; later calls do nothing). */
  finish(): void;
}

/**
 * `POST <path>` of one file over a real socket, its body sent in two halves: the request stays in flight
 * until `finish()`, so a test can shut the server down around it.
 */
export function slowUpload(port: number, path: string, token: string, content: Buffer): SlowUpload {
  const body = fileBody('slow.bin', 'application/octet-stream', content);
  const half = Math.floor(body.length / 2);
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': String(body.length),
    },
  });
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
  });
  request.write(body.subarray(0, half));
  let finished = false;
  return {
    answered,
    finish: () => {
      if (!finished) request.end(body.subarray(half));
      finished = true;
    },
  };
}
