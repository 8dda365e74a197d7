import { createTransport, Transporter } from 'nodemailer';
import {
  MAIL_SENDS_AT_ONCE,
  MailMessage,
  MailTransport,
  PermanentMailError,
  TransientMailError,
} from './mail-transport';

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
      throw classify(err as SmtpError);
    }
  }

  override async close(): Promise<void> {
    this.transporter.close();
  }
}

/**
 * A pool keeps connections open between messages, as many as the mail processor sends at once,
 * so no job waits for another's connection (nodemailer's default is 5); the URL can override.
 */
function pooled(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  if (!parsed.searchParams.has('maxConnections'))
    parsed.searchParams.set('maxConnections', String(MAIL_SENDS_AT_ONCE));
  return parsed.toString();
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  /** nodemailer's name for the wait an ETIMEDOUT ended. */
  timeoutType?: string;
}

/** Timeouts while the connection is still being set up, before any message is handed over. */
const SETUP_TIMEOUTS = ['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT'];

/** Commands after which the server has not yet been given the message. */
const BEFORE_DATA = /^(CONN|EHLO|HELO|STARTTLS|AUTH|MAIL FROM|RCPT TO)/i;

/**
 * Whether the message may have been delivered decides what happens next. Only a failure that
 * proves it was not (no connection, a server silent before its greeting, or a refusal before
 * DATA) may be retried; a refusal for good is permanent; anything else (a timeout or a dropped
 * connection mid-transaction) leaves the outcome unknown, and is not retried blindly so nobody
 * gets it twice.
 */
export function classify(err: SmtpError): Error {
  const status = err.responseCode;
  if (status !== undefined && status >= 500) {
    return new PermanentMailError(`SMTP refused the message for good (${status}): ${err.message}`);
  }
  const refusedConnection =
    err.code === 'ECONNECTION' ||
    err.code === 'EDNS' ||
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(err.message) ||
    (err.code === 'ETIMEDOUT' && SETUP_TIMEOUTS.includes(err.timeoutType ?? ''));
  const refusedBeforeData =
    status !== undefined && status >= 400 && BEFORE_DATA.test(err.command ?? '');
  if (refusedConnection || refusedBeforeData) return new TransientMailError(err.message);
  return err;
}
