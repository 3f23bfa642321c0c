import { Module } from '@nestjs/common';
import { AuthSessions } from './auth-sessions';
import { AuthController } from './auth.controller';

/** `/:project/auth/*`, and the sessions GraphQL's system endpoint signs in with. */
@Module({ controllers: [AuthController], providers: [AuthSessions], exports: [AuthSessions] })
export class AuthApiModule {}
