import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply } from 'fastify';
import { CurrentContext } from '../request/current-context.decorator';
import { SCIM_CONTENT_TYPE, ScimError, ScimExceptionFilter } from './scim-error';
import { ScimGroups } from './scim-groups';
import { RESOURCE_SCHEMAS, RESOURCE_TYPES, SCHEMA, SERVICE_PROVIDER_CONFIG } from './scim-schemas';
import { ScimUsers } from './scim-users';

/** A SCIM resource as the answers carry it. */
type Resource = { meta: { location: string } };

/** What `/Users` and `/Groups` each answer. */
interface ScimResources {
  list(context: RequestContext, query: Record<string, unknown>, base: string): Promise<object>;
  read(context: RequestContext, id: string, base: string): Promise<Resource>;
  create(context: RequestContext, body: unknown, base: string): Promise<Resource>;
  replace(context: RequestContext, id: string, body: unknown, base: string): Promise<Resource>;
  patch(context: RequestContext, id: string, body: unknown, base: string): Promise<Resource>;
  remove(context: RequestContext, id: string, base: string): Promise<void>;
}

/**
 * SCIM 2.0 (RFC 7643/7644, the subset the service provider config declares) at `/:project/scim/v2`, for
 * identity providers: a project admin's bearer token, SCIM's media type and error shape.
 */
@ApiTags('SCIM')
@ApiBearerAuth()
@UseFilters(ScimExceptionFilter)
@Controller(':project/scim/v2')
export class ScimController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: ScimUsers,
    private readonly groups: ScimGroups,
  ) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(
    @CurrentContext() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.answer(context, reply, () => SERVICE_PROVIDER_CONFIG);
  }

  @Get('ResourceTypes')
  resourceTypes(@CurrentContext() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(context, reply, () => this.listOf(RESOURCE_TYPES));
  }

  @Get('ResourceTypes/:id')
  resourceType(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.answer(context, reply, () =>
      this.found(
        RESOURCE_TYPES.find((type) => type.id === id),
        id,
      ),
    );
  }

  @Get('Schemas')
  schemas(@CurrentContext() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(context, reply, () => this.listOf(RESOURCE_SCHEMAS));
  }

  @Get('Schemas/:id')
  schema(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.answer(context, reply, () =>
      this.found(
        RESOURCE_SCHEMAS.find((schema) => schema.id === id),
        id,
      ),
    );
  }

  @Get(':type')
  list(
    @CurrentContext() c: RequestContext,
    @Param('type') type: string,
    @Query() q: Record<string, unknown>,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.answer(c, r, () => this.resources(type).list(c, q, this.base(c)));
  }

  @Get(':type/:id')
  read(
    @CurrentContext() c: RequestContext,
    @Param('type') type: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.answer(c, r, () => this.resources(type).read(c, id, this.base(c)));
  }

  @Post(':type')
  @HttpCode(201)
  create(
    @CurrentContext() c: RequestContext,
    @Param('type') type: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.answer(c, r, () => this.resources(type).create(c, body, this.base(c)), true);
  }

  @Put(':type/:id')
  replace(
    @CurrentContext() c: RequestContext,
    @Param('type') type: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.answer(c, r, () => this.resources(type).replace(c, id, body, this.base(c)));
  }

  @Patch(':type/:id')
  patch(
    @CurrentContext() c: RequestContext,
    @Param('type') type: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.answer(c, r, () => this.resources(type).patch(c, id, body, this.base(c)));
  }

  @Delete(':type/:id')
  @HttpCode(204)
  async remove(
    @CurrentContext() c: RequestContext,
    @Param('type') type: string,
    @Param('id') id: string,
  ): Promise<void> {
    this.assertAdmin(c);
    await this.resources(type).remove(c, id, this.base(c));
  }

  /** `Users` or `Groups`; any other endpoint is a SCIM 404. */
  private resources(type: string): ScimResources {
    if (type === 'Users') return this.users;
    if (type === 'Groups') return this.groups;
    throw new ScimError(
      404,
      `/${type} is not a SCIM endpoint here (Users, Groups, Schemas, ResourceTypes, ServiceProviderConfig are).`,
    );
  }

  /** Checks the caller, runs `work`, and sends its result as SCIM JSON (with `Location` for a new resource). */
  private async answer<T>(
    context: RequestContext,
    reply: FastifyReply,
    work: () => T | Promise<T>,
    created = false,
  ): Promise<T> {
    this.assertAdmin(context);
    const result = await work();
    reply.header('content-type', SCIM_CONTENT_TYPE);
    const location = (result as { meta?: { location?: string } }).meta?.location;
    if (created && location) reply.header('location', location);
    return result;
  }

  /** Identity providers authenticate with a project admin's token: anonymous → 401, anyone else → 403. */
  private assertAdmin(context: RequestContext): void {
    const { accountability } = context;
    if (!accountability.user && !accountability.role && !accountability.admin) {
      throw new ScimError(401, 'Authentication is required: send a project admin token as a bearer token.');
    }
    if (!accountability.admin) throw new ScimError(403, 'Only a project admin may use SCIM.');
  }

  private base(context: RequestContext): string {
    return `${this.config.publicUrl}/${context.tenant.key}/scim/v2`;
  }

  private listOf<T>(resources: T[]) {
    return {
      schemas: [SCHEMA.list],
      totalResults: resources.length,
      startIndex: 1,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  }

  private found<T>(resource: T | undefined, id: string): T {
    if (!resource) throw new ScimError(404, `${id} not found.`);
    return resource;
  }
}
