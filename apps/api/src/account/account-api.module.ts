import { Module } from '@nestjs/common';
import { RecoveryModule, TfaModule } from '@atrium/auth';
import { PasswordController } from './password.controller';
import { TfaController } from './tfa.controller';
import { UserInviteController } from './user-invite.controller';

/** Routes for password reset, invitations and two-factor authentication (controllers in this folder). */
@Module({
  imports: [RecoveryModule, TfaModule],
  controllers: [PasswordController, UserInviteController, TfaController],
})
export class AccountApiModule {}
