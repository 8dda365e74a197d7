import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MailRenderer } from './mail-renderer';
import { MailTransport, PermanentMailError, TransientMailError } from './mail-transport';
import { OutboundEmail } from './outbound-email.entity';

export type SendOutcome = 'sent' | 'skipped' | 'failed';

type ClaimedEmail = Pick<OutboundEmail, 'id' | 'toAddress' | 'template' | 'data'>;

/** A claim older than this means the process died mid-send: the outcome is unknown. */
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * The worker side of email. A row is claimed (pending -> sending) in one statement, so two
 * workers or a retried job never send the same row; only a transport error that proves nothing
 * was sent puts it back to pending for a retry.
 */
@Injectable()
export class MailSenderService {
  private readonly logger = new Logger(MailSenderService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  async send(emailId: string, isLastAttempt = false): Promise<SendOutcome> {
    // Claimed and read in one statement: a fan-out of 10,000 notices makes this 10,000 times.
    const [claimed]: [ClaimedEmail[], number] = await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'sending', claimed_at = now(), attempts = attempts + 1
        WHERE id = $1 AND status = 'pending'
        RETURNING id, to_address AS "toAddress", template, data`,
      [emailId],
    );
    if (claimed.length === 0) return 'skipped';
    const [email] = claimed;
    let rendered;
    try {
      rendered = this.renderer.render(email.template, email.data);
    } catch (err) {
      await this.markFailed(emailId, `Could not render: ${(err as Error).message}`);
      throw new PermanentMailError((err as Error).message);
    }
    const host = new URL(this.config.PUBLIC_URL).hostname;
    const messageId = `<${email.id}@${host}>`;
    const unsubscribe = email.data['unsubscribeUrl'];
    try {
      await this.transport.send({
        to: email.toAddress,
        from: this.config.MAIL_FROM,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId,
        headers:
          typeof unsubscribe === 'string' ? { 'List-Unsubscribe': `<${unsubscribe}>` } : undefined,
      });
    } catch (err) {
      if (err instanceof TransientMailError && !isLastAttempt) {
        // Nothing left: back to pending for the job's next attempt.
        await this.dataSource.query(
          `UPDATE outbound_emails SET status = 'pending', claimed_at = NULL, last_error = $2 WHERE id = $1`,
          [emailId, (err as Error).message],
        );
        throw err;
      }
      const reason =
        err instanceof PermanentMailError || err instanceof TransientMailError
          ? (err as Error).message
          : `Outcome unknown, check before resending: ${(err as Error).message}`;
      await this.markFailed(emailId, reason);
      throw new PermanentMailError(reason);
    }
    await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'sent', sent_at = now(), subject = $2, message_id = $3, last_error = NULL
        WHERE id = $1`,
      [emailId, rendered.subject, messageId],
    );
    return 'sent';
  }

  /** Ids of rows still pending after a grace period (their send job was never enqueued). */
  async findUndispatched(olderThanMs = 30_000, limit = 1000): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM outbound_emails WHERE status = 'pending' AND created_at < now() - ($1 || ' milliseconds')::interval
        ORDER BY created_at LIMIT $2`,
      [String(olderThanMs), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Rows stuck in 'sending' after a crash are marked failed for staff to check, never resent blindly. */
  async failStaleClaims(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'failed', last_error = 'The sending process stopped mid-send; check before resending'
        WHERE status = 'sending' AND claimed_at < now() - ($1 || ' milliseconds')::interval RETURNING id`,
      [String(STALE_CLAIM_MS)],
    );
    const count = (rows[0] as unknown[] | undefined)?.length ?? 0;
    if (count > 0) this.logger.warn(`${count} emails were left mid-send and are now marked failed`);
    return count;
  }

  private async markFailed(emailId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'failed', last_error = $2 WHERE id = $1`,
      [emailId, reason],
    );
  }
}
