import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuthMode } from '@atrium/auth';

const MODES: AuthMode[] = ['json', 'cookie', 'session'];

/**
 * Directus's login schema (Joi), with its messages. class-validator runs the decorator nearest the property
 * first, so the type check sits there: a number says it must be a string, not that it is too long. A missing
 * property is worded by the validation pipe (`"email" is required`).
 */
export class LoginDto {
  @ApiProperty({ example: 'admin@example.com' })
  @MaxLength(255, { message: '"email" length must be less than or equal to 255 characters long' })
  @IsNotEmpty({ message: '"email" is not allowed to be empty' })
  @IsString({ message: '"email" must be a string' })
  email!: string;

  @ApiProperty()
  @MaxLength(1024, { message: '"password" length must be less than or equal to 1024 characters long' })
  @IsNotEmpty({ message: '"password" is not allowed to be empty' })
  @IsString({ message: '"password" must be a string' })
  password!: string;

  @ApiPropertyOptional({ enum: MODES, default: 'json' })
  @IsOptional()
  @IsIn(MODES, { message: '"mode" must be one of [json, cookie, session]' })
  mode?: AuthMode;

  @ApiPropertyOptional({ description: 'One-time password, when two-factor authentication is enabled' })
  @IsOptional()
  @MaxLength(16, { message: '"otp" length must be less than or equal to 16 characters long' })
  @IsString({ message: '"otp" must be a string' })
  otp?: string;
}

/** Refresh and logout bodies are optional (cookie mode sends none): parsed by hand, not by the pipe. */
export interface SessionBody {
  refresh_token?: string;
  mode?: AuthMode;
}
