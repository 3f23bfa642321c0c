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
import { invalidPayload, SuperAdminGuard } from '@atrium/core';
import { ProjectTemplates } from '@atrium/schema';
import {
  BackupView,
  CopiedProjectSettings,
  ProjectBackups,
  ProjectsService,
  ProjectView,
} from '@atrium/server';
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
    private readonly backups: ProjectBackups,
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
    const sources = [body.from_backup, body.clone_of, body.template].filter((value) => value !== undefined);
    if (sources.length > 1) {
      throw invalidPayload('Give one of "from_backup", "clone_of" and "template", not several.');
    }
    if (body.from_backup !== undefined)
      return { data: await this.backups.restore(body.from_backup, this.settingsOf(body)) };
    if (body.clone_of !== undefined)
      return { data: await this.backups.clone(body.clone_of, this.settingsOf(body)) };
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

  /** A restored or cloned project's registry settings; its users come from its source. */
  private settingsOf(body: CreateProjectDto): CopiedProjectSettings {
    return {
      project: body.project,
      name: body.name,
      quota: body.quota,
      corsOrigins: body.cors_origins,
      rateLimit: body.rate_limit,
    };
  }

  @Post(':key/backups')
  @HttpCode(202)
  async backUp(@Param('key') key: string): Promise<{ data: BackupView }> {
    return { data: await this.backups.request(key) };
  }

  @Get(':key/backups')
  async backupsOf(@Param('key') key: string): Promise<{ data: BackupView[] }> {
    return { data: await this.backups.list(key) };
  }

  @Get(':key/backups/:id')
  async backup(@Param('key') key: string, @Param('id') id: string): Promise<{ data: BackupView }> {
    return { data: await this.backups.findOf(key, id) };
  }

  /** A finished or failed backup's archive and row; a queued or running one is refused (400). */
  @Delete(':key/backups/:id')
  @HttpCode(204)
  async deleteBackup(@Param('key') key: string, @Param('id') id: string): Promise<void> {
    await this.backups.remove(key, id);
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

  /** Keeps a final backup first (restorable with `from_backup`) unless `?purge=true`. */
  @Delete(':key')
  @HttpCode(204)
  async delete(@Param('key') key: string, @Query('purge') purge?: string): Promise<void> {
    if (purge !== undefined && purge !== 'true' && purge !== 'false') {
      throw invalidPayload('"purge" must be true or false.');
    }
    if (purge !== 'true') await this.backups.backUpNow(key, 'final');
    await this.projects.delete(key);
  }
}
