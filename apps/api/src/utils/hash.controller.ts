import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { hashPassword, invalidPayload, isPlainObject, verifyPassword } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';
import { requireSignedIn } from './signed-in';

/** A non-empty text field of the body, or 400 naming it. */
function text(body: unknown, name: string): string {
  const value = isPlainObject(body) ? body[name] : undefined;
  if (typeof value !== 'string' || value === '') throw invalidPayload(`"${name}" is required.`);
  return value;
}

/**
 * Argon2id hashes as passwords are stored (`/utils/hash/generate`, `/hash/verify`; Directus ≤ 12.0) and the
 * v8 names (`/utils/hash` → `{hash}`, `/utils/hash/match` → `{valid}`). Signed-in callers only: each hash
 * costs 19 MiB and tens of milliseconds.
 */
@ApiTags('Utilities')
@ApiBearerAuth()
@Controller(':project/utils/hash')
export class HashController {
  @Post('generate')
  @HttpCode(200)
  async generate(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
  ): Promise<{ data: string }> {
    requireSignedIn(context);
    return { data: await hashPassword(text(body, 'string')) };
  }

  @Post('verify')
  @HttpCode(200)
  async verify(@CurrentContext() context: RequestContext, @Body() body: unknown): Promise<{ data: boolean }> {
    requireSignedIn(context);
    const string = text(body, 'string');
    return { data: await verifyPassword(text(body, 'hash'), string) };
  }

  @Post()
  @HttpCode(200)
  async v8Hash(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
  ): Promise<{ data: { hash: string } }> {
    return { data: { hash: (await this.generate(context, body)).data } };
  }

  @Post('match')
  @HttpCode(200)
  async v8Match(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
  ): Promise<{ data: { valid: boolean } }> {
    return { data: { valid: (await this.verify(context, body)).data } };
  }
}
