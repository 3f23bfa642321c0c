export * from './totp';
export * from './totp-replay.store';
export * from './tfa.service';
export * from './tfa.module';
