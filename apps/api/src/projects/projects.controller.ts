import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SuperAdminGuard } from '@atrium/core';
import { ProjectTemplates } from '@atrium/schema';
import { ProjectsService, ProjectView } from '@atrium/server';
import { CreateProjectDto, UpdateProjectDto } from './project.dto';

/** Provisioning, for the super-admin only. The path parameter is `key`: `:project` would resolve a tenant. */
@ApiTags('Projects')
@ApiBearerAuth()
@UseGuards(SuperAdminGuard)
@Controller('server/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly templates: ProjectTemplates,
  ) {}

  /** `limit`, `offset`/`page`, `sort`, `search`, `filter[status]`, `meta=total_count,filter_count`. */
  @Get()
  list(
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: ProjectView[]; meta?: Record<string, number> }> {
    return this.projects.list(query);
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateProjectDto): Promise<{ data: ProjectView }> {
    return {
      data: await this.projects.create({
        project: body.project,
        name: body.name,
        adminEmail: body.admin_email,
        adminPassword: body.admin_password,
        quota: body.quota,
        corsOrigins: body.cors_origins,
        rateLimit: body.rate_limit,
        prepare: this.templates.preparer(body.template),
      }),
    };
  }

  @Get(':key')
  async read(@Param('key') key: string): Promise<{ data: ProjectView }> {
    return { data: await this.projects.read(key) };
  }

  @Patch(':key')
  async update(@Param('key') key: string, @Body() body: UpdateProjectDto): Promise<{ data: ProjectView }> {
    const { cors_origins: corsOrigins, rate_limit: rateLimit, ...patch } = body;
    return { data: await this.projects.update(key, { ...patch, corsOrigins, rateLimit }) };
  }

  @Delete(':key')
  @HttpCode(204)
  async delete(@Param('key') key: string): Promise<void> {
    await this.projects.delete(key);
  }
}
