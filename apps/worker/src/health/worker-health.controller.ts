import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { JOB_QUEUE, JobQueueDriver } from '@atrium/jobs';
import { toWorkerHealth, WorkerHealthBody } from './worker-health';

/** `GET /health` on the worker's private port: Redis reachability, for orchestrator probes. */
@Controller()
export class WorkerHealthController {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueueDriver) {}

  @Get('health')
  @Header('content-type', 'application/health+json; charset=utf-8')
  @Header('cache-control', 'no-store')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<WorkerHealthBody> {
    const { httpStatus, body } = toWorkerHealth(await this.queue.health(), new Date());
    reply.status(httpStatus);
    return body;
  }
}
