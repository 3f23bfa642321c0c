import { Module } from '@nestjs/common';
import { HealthModule } from '@atrium/health';
import { HealthChecksService } from './health-checks.service';
import { OpenApiDocuments } from './openapi-documents';
import { QueueWiring } from './queue-wiring';
import { PlatformMetrics } from './metrics/platform-metrics';
import { PlatformInfoService } from './platform-info.service';
import { ProjectInfoService } from './project-info.service';
import { ProjectsService } from './projects.service';

/** Services behind the `/server/*` endpoints (platform and per project). */
@Module({
  imports: [HealthModule],
  providers: [
    ProjectsService,
    PlatformInfoService,
    ProjectInfoService,
    HealthChecksService,
    OpenApiDocuments,
    QueueWiring,
    PlatformMetrics,
  ],
  exports: [
    ProjectsService,
    PlatformInfoService,
    ProjectInfoService,
    HealthChecksService,
    OpenApiDocuments,
    PlatformMetrics,
  ],
})
export class ServerModule {}
