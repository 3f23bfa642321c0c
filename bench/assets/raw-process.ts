// The static baseline, in a process of its own: a bare node:http server streaming files from disk with
// fs.createReadStream, the length from a stat per request (what any static file server does).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as http from 'node:http';
import { listenOnLoopback } from '../support/raw-server';
import { serveUntilStopped, type ServerReady } from '../support/server-process';

export interface RawInput {
  /** URL path → file on disk and its content type. */
  files: Record<string, { path: string; type: string }>;
}

serveUntilStopped<RawInput, ServerReady>(async ({ files }) => {
  const server = http.createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    stat(file.path).then(
      ({ size }) => {
        response.writeHead(200, { 'content-type': file.type, 'content-length': size });
        createReadStream(file.path).pipe(response);
      },
      () => response.writeHead(500).end(),
    );
  });
  return listenOnLoopback(server);
});
