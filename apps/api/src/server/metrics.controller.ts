import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipAuth } from '@atrium/auth';
import { APP_CONFIG, AppConfig, AtriumException, constantTimeEqual, superAdminTokenOf } from '@atrium/core';
import { PlatformMetrics } from '@atrium/server';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** `GET /server/metrics`: Prometheus text, for the super-admin token or METRICS_TOKEN (a scraper's own). */
@ApiTags('Server')
@ApiBearerAuth()
@Controller('server/metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: PlatformMetrics,
  ) {}

  @Get()
  @SkipAuth()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = superAdminTokenOf(request);
    const allowed = [this.config.superAdminToken, this.config.metrics.token].filter(
      (expected): expected is string => expected !== null,
    );
    if (token === null) throw new AtriumException('INVALID_CREDENTIALS', 'A bearer token is required.');
    if (!allowed.some((expected) => constantTimeEqual(token, expected))) {
      throw new AtriumException('INVALID_CREDENTIALS', 'Invalid metrics token.');
    }
    void reply
      .header('content-type', this.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.text());
  }
}
