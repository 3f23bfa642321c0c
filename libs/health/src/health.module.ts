import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthService } from './health.service';

/**
 * Provides {@link HealthService}. Terminus' defaults suffice: once Nest starts shutting down, checks report
 * `shutting_down` (mapped to `error` + "shutting down") without any grace delay.
 */
@Module({
  imports: [TerminusModule],
  providers: [HealthService],
  exports: [HealthService],
})
export class HealthModule {}
