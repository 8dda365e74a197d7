import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { FailedEmailsService } from './failed-emails.service';
import { LocalMailboxTransport } from './local-mailbox.transport';
import { MailOutboxService } from './mail-outbox.service';
import { MailRenderer } from './mail-renderer';
import { MailSenderService } from './mail-sender.service';
import { MailTransport } from './mail-transport';
import { SmtpTransport } from './smtp.transport';

@Global()
@Module({
  providers: [
    FailedEmailsService,
    MailOutboxService,
    MailRenderer,
    MailSenderService,
    {
      provide: MailTransport,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) =>
        config.SMTP_URL
          ? new SmtpTransport(config.SMTP_URL)
          : new LocalMailboxTransport(dataSource),
    },
  ],
  exports: [FailedEmailsService, MailOutboxService, MailRenderer, MailSenderService, MailTransport],
})
export class MailModule {}
