import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slowUpload } from '../support/slow-upload';
import { startProductionApi } from '../../bench/support/production-api';

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
      const uploads = Array.from({ length: 4 }, (_, i) =>
        slowUpload(api.port, '/drained/files', token, Buffer.alloc(size, i)),
      );
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
