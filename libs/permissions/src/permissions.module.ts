import { Global, Module } from '@nestjs/common';
import { RequestContexts } from './context/request-contexts';
import { PermissionsService } from './permissions.service';

/** Effective permissions, and the request contexts built from them. */
@Global()
@Module({
  providers: [PermissionsService, RequestContexts],
  exports: [PermissionsService, RequestContexts],
})
export class PermissionsModule {}
