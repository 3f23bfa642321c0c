import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { graphqlParams, GraphqlRunner, type GraphqlScope } from '@atrium/graphql';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentContext } from '../request/current-context.decorator';
import { ApiGraphqlItems } from './graphql-items';
import { ApiGraphqlSystem } from './graphql-system';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `/:project/graphql` (user collections, `/:project/gql` as the v8 alias) and `/:project/graphql/system`,
 * by POST or, for queries, GET with `?query=`; the SDL of each at `/:project/server/specs/graphql[/system]`.
 */
@ApiTags('GraphQL')
@ApiBearerAuth()
@Controller(':project')
export class GraphqlController {
  constructor(
    private readonly runner: GraphqlRunner,
    private readonly items: ApiGraphqlItems,
    private readonly system: ApiGraphqlSystem,
  ) {}

  @Post(['graphql', 'gql'])
  postItems(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answer('items', 'POST', context, body, request, reply);
  }

  @Get(['graphql', 'gql'])
  getItems(
    @CurrentContext() context: RequestContext,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answer('items', 'GET', context, query, request, reply);
  }

  @Post('graphql/system')
  postSystem(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answer('system', 'POST', context, body, request, reply);
  }

  @Get('graphql/system')
  getSystem(
    @CurrentContext() context: RequestContext,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answer('system', 'GET', context, query, request, reply);
  }

  @Get('server/specs/graphql')
  itemsSdl(@CurrentContext() context: RequestContext, @Res() reply: FastifyReply) {
    return this.sdl('items', context, reply);
  }

  @Get('server/specs/graphql/system')
  systemSdl(@CurrentContext() context: RequestContext, @Res() reply: FastifyReply) {
    return this.sdl('system', context, reply);
  }

  private async answer(
    scope: GraphqlScope,
    method: 'GET' | 'POST',
    context: RequestContext,
    input: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const params = graphqlParams(input);
    const path = request.url.split('?')[0];
    const http = { request, reply };
    const { status, body } = await this.runner.run(
      params,
      { request: context, items: this.items, system: this.system, http },
      scope,
      method,
      path,
    );
    return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
  }

  /** The caller's schema as an SDL file, as Directus serves `/server/specs/graphql`. */
  private sdl(scope: GraphqlScope, context: RequestContext, reply: FastifyReply) {
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${context.tenant.key}-${scope}.graphql"`)
      .send(this.runner.sdl(context, scope));
  }
}
