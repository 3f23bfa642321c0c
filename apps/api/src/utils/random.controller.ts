import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { generateTotpSecret } from '@atrium/auth';
import { isPlainObject } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';
import { randomString, randomStringLength } from './random-string';
import { requireSignedIn } from './signed-in';

/** Random strings (`GET`, the SDK's `randomString`; `POST`, v8's shape) and v8's 2FA secret. */
@ApiTags('Utilities')
@Controller(':project/utils')
export class RandomController {
  @Get('random/string')
  get(@Query('length') length: unknown): { data: string } {
    return { data: randomString(randomStringLength(length)) };
  }

  @Post('random/string')
  @HttpCode(200)
  post(@Body() body: unknown): { data: { random: string } } {
    const length = isPlainObject(body) ? body.length : undefined;
    return { data: { random: randomString(randomStringLength(length)) } };
  }

  /** v8: a new TOTP secret for a user to enrol (`/users/me/tfa/generate` is the current way). */
  @Get('2fa_secret')
  twoFactorSecret(@CurrentContext() context: RequestContext): { data: { '2fa_secret': string } } {
    requireSignedIn(context);
    return { data: { '2fa_secret': generateTotpSecret() } };
  }
}
