import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import { startProductionApi } from '../../bench/support/production-api';
import { BOUNDARY, fileBody } from '../system-data/multipart-fixture';

/** An upload sent in two halves: in flight until `finish()`. */
function slowUpload(port: number, token: string, content: Buffer) {
  const body = fileBody('slow.bin', 'application/octet-stream', content);
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/drained/files',
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
  request.write(body.subarray(0, body.length / 2));
  return { answered, finish: () => request.end(body.subarray(body.length / 2)) };
}

describe('SIGTERM under load (the production entry point)', () => {
  it('finishes every upload in flight, refuses new work meanwhile, and exits cleanly', async () => {
    const api = await startProductionApi({ SHUTDOWN_TIMEOUT: '20s', LOG_LEVEL: 'warn' });
    let stopped: Promise<void> | null = null;
    try {
      await api.createProject('drained');
      const login = await api.request('POST', '/drained/auth/login', {
        body: { email: 'admin@drained.test', password: 'password-123' },
      });
      assert.equal(login.status, 200, login.text);
      const token = (login.body as { data: { access_token: string } }).data.access_token;
      const size = 512 * 1024;
      const uploads = Array.from({ length: 4 }, (_, i) => slowUpload(api.port, token, Buffer.alloc(size, i)));
      // Let every upload's headers and first half arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));

      stopped = api.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = await api.request('GET', '/drained/server/info').catch(() => null);
      assert.ok(refused === null || refused.status === 503, `a new request is refused: ${refused?.status}`);

      for (const upload of uploads) upload.finish();
      for (const upload of uploads) {
        const answer = await upload.answered;
        assert.equal(answer.status, 200, answer.text);
        assert.equal(JSON.parse(answer.text).data.filesize, size, 'stored whole');
      }
      await stopped;
    } finally {
      if (!stopped) await api.stop();
    }
  });
});
