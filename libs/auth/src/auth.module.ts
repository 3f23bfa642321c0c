import { Global, Module } from '@nestjs/common';
import { AuthInvalidation } from './auth-invalidation';
import { AccountabilityGuard } from './identity/accountability.guard';
import { ProjectJwtStrategy } from './identity/project-jwt.strategy';
import { StaticTokenIdentities } from './identity/static-token-identities';
import { LoginService } from './login/login.service';
import { ProjectSecrets } from './project-secrets';
import { RefreshService } from './sessions/refresh.service';
import { SessionService } from './sessions/session.service';
import { AttemptCounters } from './throttle/attempt-counters';
import { TfaModule } from './tfa/tfa.module';

const SERVICES = [
  ProjectSecrets,
  AuthInvalidation,
  SessionService,
  LoginService,
  RefreshService,
  AttemptCounters,
  StaticTokenIdentities,
  ProjectJwtStrategy,
];

/**
 * Tokens, sessions and identities inside projects. The accountability guard is one step of the API's request
 * pipeline, which runs it after the tenant is resolved.
 */
@Global()
@Module({
  imports: [TfaModule],
  providers: [...SERVICES, AccountabilityGuard],
  exports: [...SERVICES, AccountabilityGuard],
})
export class AuthModule {}
