import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { serviceUnavailable } from '../errors/atrium.exception';
import { sendError } from './exception.filter';

/** Routes that still answer while draining: the probes that tell a load balancer to stop sending traffic. */
const PROBE_ROUTES: ReadonlySet<string> = new Set([
  '/server/health',
  '/server/ping',
  '/:project/server/health',
  '/:project/server/ping',
]);

const logger = new Logger('Shutdown');

/**
 * Graceful shutdown's first step (SIGTERM): the instance reports itself unhealthy, refuses new requests with
 * 503 (and `Connection: close`, so clients reconnect to another instance), and waits for the requests and
 * uploads already running to finish — bounded by `SHUTDOWN_TIMEOUT` — before the app closes its pools.
 */
@Injectable()
export class ShutdownDrain {
  private draining = false;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  get isDraining(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Counts the API's requests and refuses new ones once draining. */
  track(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (this.draining && !PROBE_ROUTES.has(request.routeOptions.url ?? '')) {
        reply.header('connection', 'close');
        sendError(serviceUnavailable('api', 'This instance is shutting down.'), request, reply, logger);
        return;
      }
      this.inFlight += 1;
      request.drainCounted = true;
      done();
    });
    const finished = (request: { drainCounted?: boolean }) => {
      if (!request.drainCounted) return;
      request.drainCounted = false;
      this.inFlight -= 1;
      if (this.inFlight === 0) this.wakeIdleWaiters();
    };
    fastify.addHook('onResponse', (request, _reply, done) => {
      finished(request);
      done();
    });
    // A client that goes away mid-request gets no response, so onResponse may never come.
    fastify.addHook('onRequestAbort', (request, done) => {
      finished(request);
      done();
    });
  }

  /** Starts draining; resolves true once no request is running, false if `timeoutMs` passed first. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([idle, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Counted among the requests a drain waits for (and not yet finished). */
    drainCounted?: boolean;
  }
}
