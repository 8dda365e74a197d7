export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
}

/** The two ways mail leaves: SMTP in production, the local mailbox in development. */
export abstract class MailTransport {
  abstract send(message: MailMessage): Promise<void>;
  async close(): Promise<void> {}
}

/** The receiving side refused the message for good (bad address): retrying cannot help. */
export class PermanentMailError extends Error {}

/** The message certainly did not leave (connection refused, a 4xx before DATA): safe to retry. */
export class TransientMailError extends Error {}

/** How many messages the mail processor sends at once (its BullMQ concurrency). */
export const MAIL_SENDS_AT_ONCE = 8;
