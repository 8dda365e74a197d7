import { Module } from '@nestjs/common';
import { DevMailboxService } from './dev-mailbox.service';
import { DevMailPagesController } from './dev-mail-pages.controller';

/** /dev/mail: the local mailbox used when SMTP_URL is unset (development and the demo). */
@Module({ controllers: [DevMailPagesController], providers: [DevMailboxService] })
export class DevMailPagesModule {}
