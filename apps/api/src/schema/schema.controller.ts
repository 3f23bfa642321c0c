import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { invalidQuery } from '@atrium/core';
import { forceFlag, SchemaDiff, SchemaService, SchemaSnapshot } from '@atrium/schema';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { CurrentContext } from '../request/current-context.decorator';

@ApiTags('Schema')
@ApiBearerAuth()
@Controller(':project/schema')
export class SchemaController {
  constructor(private readonly schema: SchemaService) {}

  /** `{data: snapshot}`, or with `?export=json|yaml` the snapshot as a file download. */
  @Get('snapshot')
  async snapshot(
    @CurrentContext() ctx: RequestContext,
    @Query('export') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ data: SchemaSnapshot } | string> {
    if (format !== undefined && format !== 'json' && format !== 'yaml') {
      throw invalidQuery('"export" must be json or yaml.');
    }
    const snapshot = await this.schema.snapshot(ctx);
    if (format === undefined) return { data: snapshot };
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    reply.header('content-disposition', `attachment; filename="snapshot-${stamp}.${format}"`);
    reply.header(
      'content-type',
      format === 'yaml' ? 'text/yaml; charset=utf-8' : 'application/json; charset=utf-8',
    );
    return format === 'yaml' ? stringify(snapshot) : JSON.stringify(snapshot, null, 2);
  }

  /** 200 `{data:{hash, diff}}`, or 204 when the project already matches. */
  @Post('diff')
  @HttpCode(200)
  async diff(
    @CurrentContext() ctx: RequestContext,
    @Body() body: unknown,
    @Query('force') force: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ data: { hash: string; diff: SchemaDiff } } | undefined> {
    const result = await this.schema.diff(ctx, body, forceFlag(force));
    if (result === null) {
      reply.status(204);
      return undefined;
    }
    return { data: result };
  }

  @Post('apply')
  @HttpCode(204)
  async apply(@CurrentContext() ctx: RequestContext, @Body() body: unknown): Promise<void> {
    await this.schema.apply(ctx, body);
  }
}
