import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Passwords are hashed with argon2id whatever their length: the cap only bounds the work a request causes. */
const PASSWORD_MAX = 1024;
const URL_MAX = 2048;
/** Reset and invite tokens are JWTs of a few hundred characters. */
const TOKEN_MAX = 4096;

export class PasswordRequestDto {
  @ApiProperty({ example: 'ann@example.com' })
  @IsDefined({ message: '"email" is required' })
  @IsEmail({}, { message: '"email" must be a valid email' })
  @MaxLength(128)
  email!: string;

  @ApiPropertyOptional({
    description: 'Page the mailed link opens; must be on PASSWORD_RESET_URL_ALLOW_LIST',
  })
  @IsOptional()
  @IsString({ message: '"reset_url" must be a string' })
  @MaxLength(URL_MAX)
  reset_url?: string;
}

export class TokenPasswordDto {
  @ApiProperty()
  @IsDefined({ message: '"token" is required' })
  @IsString({ message: '"token" must be a string' })
  @IsNotEmpty({ message: '"token" is required' })
  @MaxLength(TOKEN_MAX)
  token!: string;

  @ApiProperty()
  @IsDefined({ message: '"password" is required' })
  @IsString({ message: '"password" must be a string' })
  @IsNotEmpty({ message: '"password" is required' })
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class InviteDto {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  @IsDefined({ message: '"email" is required' })
  @IsEmail({}, { each: true, message: '"email" must be a valid email or a list of them' })
  @MaxLength(128, { each: true })
  email!: string | string[];

  @ApiProperty({ format: 'uuid' })
  @IsDefined({ message: '"role" is required' })
  @IsUUID('all', { message: '"role" must be a valid GUID' })
  role!: string;

  @ApiPropertyOptional({ description: 'Page the mailed link opens; must be on USER_INVITE_URL_ALLOW_LIST' })
  @IsOptional()
  @IsString({ message: '"invite_url" must be a string' })
  @MaxLength(URL_MAX)
  invite_url?: string;
}

export class TfaGenerateDto {
  @ApiProperty()
  @IsDefined({ message: '"password" is required' })
  @IsString({ message: '"password" must be a string' })
  @IsNotEmpty({ message: '"password" is required' })
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class TfaEnableDto {
  @ApiProperty({ description: 'The secret `generate` returned' })
  @IsDefined({ message: '"secret" is required' })
  @IsString({ message: '"secret" must be a string' })
  @MaxLength(128)
  secret!: string;

  @ApiProperty({ example: '123456' })
  @IsDefined({ message: '"otp" is required' })
  @IsString({ message: '"otp" must be a string' })
  @MaxLength(16)
  otp!: string;
}

export class TfaDisableDto {
  @ApiProperty({ example: '123456' })
  @IsDefined({ message: '"otp" is required' })
  @IsString({ message: '"otp" must be a string' })
  @MaxLength(16)
  otp!: string;
}
