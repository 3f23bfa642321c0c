import { Global, Module } from '@nestjs/common';
import { AuthInvalidation } from './auth-invalidation';
import { ProjectSecrets } from './project-secrets';

/** Tokens, sessions and identities inside projects. */
@Global()
@Module({
  providers: [ProjectSecrets, AuthInvalidation],
  exports: [ProjectSecrets, AuthInvalidation],
})
export class AuthModule {}
