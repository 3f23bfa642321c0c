import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerReady } from './server-process';

/**
 * Starts a baseline's bare `node:http` server on a free loopback port and answers what `serveUntilStopped`
 * needs: its port, and a close that drops kept-alive connections (the load clients keep them) before `after`.
 */
export async function listenOnLoopback(
  server: http.Server,
  after: () => Promise<void> = async () => undefined,
): Promise<{ info: ServerReady; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    info: { ready: true, port: (server.address() as AddressInfo).port },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await after();
    },
  };
}
