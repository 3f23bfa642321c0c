import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuthMode } from '@atrium/auth';

const MODES: AuthMode[] = ['json', 'cookie', 'session'];

export class LoginDto {
  @ApiProperty({ example: 'admin@example.com' })
  @IsString({ message: 'email must be a string' })
  @IsNotEmpty({ message: 'email is required' })
  @MaxLength(255)
  email!: string;

  @ApiProperty()
  @IsString({ message: 'password must be a string' })
  @IsNotEmpty({ message: 'password is required' })
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ enum: MODES, default: 'json' })
  @IsOptional()
  @IsIn(MODES, { message: 'mode must be json, cookie or session' })
  mode?: AuthMode;

  @ApiPropertyOptional({ description: 'One-time password, when two-factor authentication is enabled' })
  @IsOptional()
  @IsString({ message: 'otp must be a string' })
  @MaxLength(16)
  otp?: string;
}

/** Refresh and logout bodies are optional (cookie mode sends none): parsed by hand, not by the pipe. */
export interface SessionBody {
  refresh_token?: string;
  mode?: AuthMode;
}
