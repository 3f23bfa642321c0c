import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addressPolicy } from './address-policy';
import { ImportError, type ImportFailure } from './import-error';
import { openDownload, type DownloadOptions, type Resolver } from './pinned-download';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function readAll(download: { content: AsyncIterable<unknown> }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of download.content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function failsWith(failure: ImportFailure) {
  return (error: unknown) => {
    assert.ok(error instanceof ImportError, `expected an ImportError, got ${String(error)}`);
    assert.equal(error.failure, failure, error.message);
    return true;
  };
}

describe('pinned downloads', () => {
  let server: Server;
  let port: number;
  const seenHosts: string[] = [];
  const routes: Record<string, Handler> = {
    '/hello.txt': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('hello import');
    },
    '/redirect-loopback': (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.2:${port}/hello.txt` });
      response.end();
    },
    '/redirect-ftp': (_request, response) => {
      response.writeHead(301, { location: 'ftp://example.com/x' });
      response.end();
    },
    '/missing': (_request, response) => {
      response.writeHead(404);
      response.end('no');
    },
    '/declared-big': (_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.end('x'.repeat(100));
    },
    '/chunked-big': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write('x'.repeat(40));
      response.end('y'.repeat(40));
    },
    '/stall-body': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('a start');
    },
    '/silent': () => {
      // Never answers.
    },
  };

  before(async () => {
    server = createServer((request, response) => {
      seenHosts.push(request.headers.host ?? '');
      const hops = /^\/hops\/(\d+)$/.exec(request.url ?? '');
      if (hops) {
        const left = Number(hops[1]);
        response.writeHead(left === 0 ? 200 : 307, left === 0 ? {} : { location: `/hops/${left - 1}` });
        response.end(left === 0 ? 'arrived' : '');
        return;
      }
      (routes[request.url ?? ''] ?? routes['/missing'])(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({
    policy: addressPolicy({ allow: ['127.0.0.1'], deny: [] }),
    timeoutMs: 2000,
    maxBytes: 64,
    ...extra,
  });

  it('downloads from an allowed address with its name and type', async () => {
    const download = await openDownload(`http://127.0.0.1:${port}/hello.txt`, options());
    assert.equal(download.filename, 'hello.txt');
    assert.equal(download.contentType, 'text/plain; charset=utf-8');
    assert.equal(await readAll(download), 'hello import');
  });

  it('connects to the address it checked, never asking DNS again (rebinding)', async () => {
    let asked = 0;
    const resolve: Resolver = (hostname) => {
      asked++;
      assert.equal(hostname, 'files.import.invalid');
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    const download = await openDownload(
      `http://files.import.invalid:${port}/hello.txt`,
      options({ resolve }),
    );
    assert.equal(await readAll(download), 'hello import');
    assert.equal(asked, 1);
    assert.equal(seenHosts.at(-1), `files.import.invalid:${port}`);
  });

  it('refuses a host when any of its addresses is refused', async () => {
    const resolve: Resolver = () =>
      Promise.resolve([
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ]);
    await assert.rejects(
      openDownload(`http://mixed.invalid:${port}/hello.txt`, options({ resolve })),
      failsWith('refused'),
    );
  });

  it('refuses loopback without an allow list', async () => {
    const builtIn = options({ policy: addressPolicy({ allow: [], deny: [] }) });
    await assert.rejects(openDownload(`http://127.0.0.1:${port}/hello.txt`, builtIn), failsWith('refused'));
    await assert.rejects(openDownload(`http://2130706433:${port}/hello.txt`, builtIn), failsWith('refused'));
    await assert.rejects(openDownload(`http://[::1]:${port}/hello.txt`, builtIn), failsWith('refused'));
  });

  it('checks every redirect hop', async () => {
    await assert.rejects(
      openDownload(`http://127.0.0.1:${port}/redirect-loopback`, options()),
      failsWith('refused'),
    );
    await assert.rejects(
      openDownload(`http://127.0.0.1:${port}/redirect-ftp`, options()),
      failsWith('refused'),
    );
  });

  it('follows up to five redirects, not six', async () => {
    const download = await openDownload(`http://127.0.0.1:${port}/hops/5`, options());
    assert.equal(await readAll(download), 'arrived');
    assert.equal(download.url.pathname, '/hops/0');
    assert.equal(download.filename, '0');
    await assert.rejects(
      openDownload(`http://127.0.0.1:${port}/hops/6`, options()),
      failsWith('unreachable'),
    );
  });

  it('fails on a non-2xx answer', async () => {
    await assert.rejects(
      openDownload(`http://127.0.0.1:${port}/missing`, options()),
      failsWith('unreachable'),
    );
  });

  it('caps the size by the declared length and by the bytes that come', async () => {
    await assert.rejects(
      openDownload(`http://127.0.0.1:${port}/declared-big`, options()),
      failsWith('too-large'),
    );
    const download = await openDownload(`http://127.0.0.1:${port}/chunked-big`, options());
    await assert.rejects(readAll(download), failsWith('too-large'));
  });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    await assert.rejects(
      openDownload(`http://127.0.0.1:${port}/silent`, options({ timeoutMs: 200 })),
      failsWith('timeout'),
    );
    assert.ok(Date.now() - started < 1500);
  });

  it('times out a body that stops coming', async () => {
    const download = await openDownload(`http://127.0.0.1:${port}/stall-body`, options({ timeoutMs: 300 }));
    await assert.rejects(readAll(download), failsWith('timeout'));
  });

  it('times out a DNS answer that never comes', async () => {
    const resolve: Resolver = () => new Promise(() => undefined);
    await assert.rejects(
      openDownload(`http://slow.invalid:${port}/`, options({ timeoutMs: 100, resolve })),
      failsWith('timeout'),
    );
  });

  it('refuses a URL that is not http(s)', async () => {
    await assert.rejects(openDownload('ftp://127.0.0.1/x', options()), failsWith('invalid-url'));
  });
});
