import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipAuth } from '@atrium/auth';

/** Liveness: answers without touching any dependency (GET and HEAD, globally and per project). */
@ApiTags('Server')
@Controller()
export class PingController {
  @Get(['server/ping', ':project/server/ping'])
  @SkipAuth()
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'pong' })
  ping(): string {
    return 'pong';
  }
}
