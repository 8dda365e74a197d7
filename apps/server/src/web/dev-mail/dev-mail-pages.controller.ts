import { AppConfig, DevelopmentOnly, NotFoundDomainException } from '@grants/core';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page } from '../../bootstrap/page-context.interceptor';
import { DevMailboxService } from './dev-mailbox.service';

/**
 * The CSP for a message's own HTML: its inline styles may apply, nothing else may load or run
 * (sandbox also gives it an origin of its own), and no other page may frame it.
 */
const EMAIL_HTML_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation',
].join('; ');

/** The local mailbox, outside production only (a 404 there): what the app would have emailed. */
@Controller('dev/mail')
export class DevMailPagesController {
  constructor(
    private readonly mailbox: DevMailboxService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @DevelopmentOnly()
  @Page('dev-mail/index.njk')
  async index() {
    const messages = await this.mailbox.list();
    return { messages, smtpConfigured: Boolean(this.config.SMTP_URL) };
  }

  @Get(':id')
  @DevelopmentOnly()
  @Page('dev-mail/message.njk')
  async message(@Param('id') id: string) {
    const message = await this.mailbox.get(id);
    if (!message) throw new NotFoundDomainException('Message');
    return { message };
  }

  /** The HTML part as it would render in a mail client, under a CSP of its own. */
  @Get(':id/html')
  @DevelopmentOnly()
  async html(@Param('id') id: string, @Res() reply: FastifyReply) {
    const message = await this.mailbox.get(id);
    if (!message) throw new NotFoundDomainException('Message');
    return reply
      .header('content-security-policy', EMAIL_HTML_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(message.html);
  }
}
