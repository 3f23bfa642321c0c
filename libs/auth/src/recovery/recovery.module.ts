import { Module } from '@nestjs/common';
import { MailModule } from '@atrium/mail';
import { PasswordResetService } from './password-reset.service';
import { UserInviteService } from './user-invite.service';

/**
 * Password reset and invitations. Needs `APP_CONFIG` (CoreModule), `ProjectSecrets` and `AuthInvalidation`
 * (the global AuthModule).
 */
@Module({
  imports: [MailModule],
  providers: [PasswordResetService, UserInviteService],
  exports: [PasswordResetService, UserInviteService],
})
export class RecoveryModule {}
