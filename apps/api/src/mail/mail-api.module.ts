import { Module } from '@nestjs/common';
import { MailModule } from '@atrium/mail';
import { MailController } from './mail.controller';

/** `POST /:project/mail` (v8). */
@Module({ imports: [MailModule], controllers: [MailController] })
export class MailApiModule {}
