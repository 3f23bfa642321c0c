import { Module } from '@nestjs/common';

/** Routes for password reset, invitations and two-factor authentication (controllers in this folder). */
@Module({})
export class AccountApiModule {}
