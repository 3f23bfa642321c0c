import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PermissionsService } from './permissions.service';
import { PolicyFlagsGuard } from './policy-flags.guard';

/**
 * Effective permissions. Its guard is global and registered after the accountability guard (this module
 * is imported after AuthModule), so it always finds the request's accountability.
 */
@Global()
@Module({
  providers: [PermissionsService, PolicyFlagsGuard, { provide: APP_GUARD, useExisting: PolicyFlagsGuard }],
  exports: [PermissionsService],
})
export class PermissionsModule {}
