import { Module } from '@nestjs/common';
import { TfaService } from './tfa.service';
import { TotpReplayStore } from './totp-replay.store';

/**
 * Two-factor enrolment and the TOTP replay store. Login needs the same `TotpReplayStore` instance (its
 * in-process fallback is per instance): import this module rather than providing the store again.
 * Needs `REDIS` (the global RedisModule).
 */
@Module({
  providers: [TfaService, TotpReplayStore],
  exports: [TfaService, TotpReplayStore],
})
export class TfaModule {}
