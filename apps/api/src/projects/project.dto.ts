import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { QuotaType } from '@atrium/tenancy';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  MinLength,
  MaxLength,
  ValidateIf,
  ValidateNested,
  IsDefined,
  IsObject,
  IsUUID,
} from 'class-validator';

/** `cors_origins` on create and update: the entries themselves are checked where the project is written. */
function CorsOriginsProperty(): PropertyDecorator {
  const message = 'cors_origins must be a list of origins, or null';
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      nullable: true,
      example: ['https://shop.example.com', '/^https:\\/\\/[a-z]+\\.example\\.com$/'],
      description:
        'Origins browsers may call this project from (exact origins or /patterns/), in place of CORS_ORIGIN; null: the platform settings',
    }),
    IsOptional(),
    IsArray({ message }),
    ArrayMaxSize(100, { message: 'cors_origins may hold at most 100 origins' }),
    IsString({ each: true, message }),
  );
}

export class QuotaDto {
  @ApiProperty({
    enum: ['NONE', 'HARD', 'FIFO'],
    description:
      'HARD refuses writes past the size (413 LIMIT_EXCEEDED); FIFO first evicts cached transform variants, oldest first, then refuses as HARD',
  })
  @IsIn(['NONE', 'HARD', 'FIFO'], { message: 'quota.type must be NONE, HARD or FIFO' })
  type!: QuotaType;

  @ApiPropertyOptional({
    description: 'Bytes (database, files and cached variants); required for HARD and FIFO',
  })
  @ValidateIf((quota: QuotaDto) => quota.type !== 'NONE')
  @IsInt({ message: 'quota.size must be a whole number of bytes' })
  @Min(0, { message: 'quota.size must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER)
  size?: number | null;
}

export class RateLimitDto {
  @ApiProperty({ description: 'Requests admitted per window; 0: no limit', minimum: 0 })
  @IsInt({ message: 'rate_limit.points must be a whole number' })
  @Min(0, { message: 'rate_limit.points must not be negative' })
  @Max(1_000_000_000, { message: 'rate_limit.points must be at most 1000000000' })
  points!: number;

  @ApiProperty({ description: 'Window length in seconds', minimum: 1, maximum: 86400 })
  @IsInt({ message: 'rate_limit.duration must be a whole number of seconds' })
  @Min(1, { message: 'rate_limit.duration must be at least 1 second' })
  @Max(86_400, { message: 'rate_limit.duration must be at most 86400 seconds (a day)' })
  duration!: number;
}

/** `rate_limit` on create and update: `{points, duration}`, or null for the platform's default. */
function RateLimitProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: RateLimitDto,
      nullable: true,
      description:
        'Requests per window for /<project>/… (429 REQUESTS_EXCEEDED past it); null: the platform default in /server/info',
    }),
    IsOptional(),
    IsObject({ message: 'rate_limit must be an object {points, duration}, or null' }),
    ValidateNested(),
    Type(() => RateLimitDto),
  );
}

export class CreateProjectDto {
  @ApiProperty({ example: 'acme', description: 'Key: ^[a-z][a-z0-9_-]{1,39}$, not a reserved word' })
  @IsDefined({ message: 'project is required' })
  @IsString({ message: 'project must be a string' })
  project!: string;

  @ApiPropertyOptional({ example: 'Acme Inc.' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'name must be 1-100 characters' })
  name?: string;

  @ApiPropertyOptional({
    description: 'Restore this backup (its id) into the new project: schema, rows, users and files',
  })
  @IsOptional()
  @IsUUID('all', { message: 'from_backup must be the id of a backup' })
  from_backup?: string;

  @ApiPropertyOptional({ description: 'Copy this live project (its key) into the new one' })
  @IsOptional()
  @IsString({ message: 'clone_of must be a project key' })
  clone_of?: string;

  @ApiProperty({ example: 'admin@example.com', description: 'Not used with from_backup or clone_of' })
  @ValidateIf((body: CreateProjectDto) => body.from_backup === undefined && body.clone_of === undefined)
  @IsDefined({ message: 'admin_email is required' })
  @IsEmail({}, { message: 'admin_email must be an e-mail address' })
  @MaxLength(128)
  admin_email!: string;

  @ApiProperty({ minLength: 8 })
  @ValidateIf((body: CreateProjectDto) => body.from_backup === undefined && body.clone_of === undefined)
  @IsDefined({ message: 'admin_password is required' })
  @IsString({ message: 'admin_password must be a string' })
  @MinLength(8, { message: 'admin_password must be at least 8 characters' })
  @MaxLength(256, { message: 'admin_password must be at most 256 characters' })
  admin_password!: string;

  @ApiPropertyOptional({ type: QuotaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuotaDto)
  quota?: QuotaDto;

  @ApiPropertyOptional({
    description: 'A template name under tenants/templates (e.g. "blog") or a schema snapshot object',
    oneOf: [{ type: 'string', example: 'blog' }, { type: 'object' }],
  })
  @IsOptional()
  template?: string | Record<string, unknown>;

  @CorsOriginsProperty()
  cors_origins?: string[] | null;

  @RateLimitProperty()
  rate_limit?: RateLimitDto | null;
}

export class UpdateProjectDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'name must be 1-100 characters' })
  name?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'], { message: 'status must be active or suspended' })
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ type: QuotaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuotaDto)
  quota?: QuotaDto;

  @CorsOriginsProperty()
  cors_origins?: string[] | null;

  @RateLimitProperty()
  rate_limit?: RateLimitDto | null;
}
