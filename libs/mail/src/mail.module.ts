import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail. Needs `APP_CONFIG` (from the global CoreModule). */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
