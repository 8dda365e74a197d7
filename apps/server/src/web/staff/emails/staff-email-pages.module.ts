import { Module } from '@nestjs/common';
import { FailedEmailPagesController } from './failed-email-pages.controller';

/** Email the service could not send, for the officers to check and resend (FailedEmailsService is global). */
@Module({ controllers: [FailedEmailPagesController] })
export class StaffEmailPagesModule {}
