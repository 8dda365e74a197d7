import { createTransport, Transporter } from 'nodemailer';
import { MailMessage, MailTransport, PermanentMailError } from './mail-transport';

export class SmtpTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    super();
    this.transporter = createTransport(pooled(url));
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transporter.sendMail({
        to: message.to,
        from: message.from,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: message.headers,
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) {
        throw new PermanentMailError(
          `SMTP refused the message for good (${code}): ${(err as Error).message}`,
        );
      }
      throw err;
    }
  }

  override async close(): Promise<void> {
    this.transporter.close();
  }
}

/** A pool keeps connections open between messages; the URL can still override it. */
function pooled(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  return parsed.toString();
}
