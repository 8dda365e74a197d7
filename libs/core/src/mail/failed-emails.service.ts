import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { DomainException, NotFoundDomainException } from '../errors/domain.exception';
import { isUuid } from '../util/uuid';
import { MailOutboxService } from './mail-outbox.service';
import { MailRenderer } from './mail-renderer';

export const FAILED_EMAILS_PAGE_SIZE = 50;

/** How long a resend waits for Redis before leaving the row to the mail sweeper. */
const REDISPATCH_TIMEOUT_MS = 2000;

export interface FailedEmail {
  id: string;
  toAddress: string;
  /** Rendered from the template as the sender would; null when it cannot be rendered. */
  subject: string | null;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** When the last attempt began: for a timeout, about when the recipient may have got it. */
  claimedAt: Date | null;
}

export interface FailedEmailsPage {
  emails: FailedEmail[];
  total: number;
  page: number;
  pageCount: number;
}

interface FailedRow {
  id: string;
  to_address: string;
  subject: string | null;
  template: string;
  data: Record<string, unknown>;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  claimed_at: Date | null;
}

/** A resend of a row that is not failed (already resent, sending or sent): nothing changes. */
export class EmailNotFailedException extends DomainException {
  constructor() {
    super(
      'email_not_failed',
      'This email is no longer failed: it has already been resent or sent, so it was not sent again',
      409,
    );
  }
}

/**
 * What staff see of email that did not go: rows the sender marked failed, because the SMTP
 * server kept refusing them or because the outcome of a send is unknown (a timeout or a
 * connection dropped mid-send). Only a person can decide to send those again, so a resend is
 * an audited act, and the row's status guards it: one resend puts one failed row back once.
 */
@Injectable()
export class FailedEmailsService {
  private readonly logger = new Logger(FailedEmailsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly renderer: MailRenderer,
  ) {}

  async count(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM outbound_emails WHERE status = 'failed'`,
    )) as { count: number }[];
    return row.count;
  }

  /** Newest first, FAILED_EMAILS_PAGE_SIZE a page; a page past the end is the last page. */
  async list(page = 1): Promise<FailedEmailsPage> {
    const total = await this.count();
    const pageCount = Math.max(1, Math.ceil(total / FAILED_EMAILS_PAGE_SIZE));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
    const rows = (await this.dataSource.query(
      `SELECT id, to_address, subject, template, data, attempts, last_error, created_at, claimed_at
         FROM outbound_emails WHERE status = 'failed'
        ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`,
      [FAILED_EMAILS_PAGE_SIZE, (current - 1) * FAILED_EMAILS_PAGE_SIZE],
    )) as FailedRow[];
    return { emails: rows.map((row) => this.toView(row)), total, page: current, pageCount };
  }

  /**
   * Puts a failed row back to pending (in one statement, so two resends at once put it back
   * once), audits it in the same transaction, and after commit queues its job again.
   */
  async resend(actor: Actor, emailId: string, reason?: string | null): Promise<void> {
    if (!isUuid(emailId)) throw new NotFoundDomainException('The email');
    await this.dataSource.transaction(async (manager) => {
      // The CTE reads the row as it was, for the audit's "before".
      const [rows] = (await manager.query(
        `WITH old AS (SELECT id, attempts, last_error FROM outbound_emails WHERE id = $1)
         UPDATE outbound_emails e SET status = 'pending', last_error = NULL
           FROM old WHERE e.id = old.id AND e.status = 'failed'
         RETURNING e.id, old.attempts, old.last_error, e.to_address, e.template`,
        [emailId],
      )) as [{ attempts: number; last_error: string | null; template: string }[], number];
      if (rows.length === 0) {
        const exists = (await manager.query(`SELECT 1 FROM outbound_emails WHERE id = $1`, [
          emailId,
        ])) as unknown[];
        if (exists.length === 0) throw new NotFoundDomainException('The email');
        throw new EmailNotFailedException();
      }
      const [row] = rows;
      await this.audit.record(manager, actor, {
        action: 'email.resent',
        subjectType: 'outbound_email',
        subjectId: emailId,
        before: { status: 'failed', attempts: row.attempts, lastError: row.last_error },
        after: { status: 'pending' },
        reason: reason?.trim() || null,
      });
    });
    await this.dispatch(emailId);
  }

  /**
   * The row is committed as pending, so if Redis does not answer now the mail sweeper queues it
   * within a minute: a resend never fails (or hangs) on the queue.
   */
  private async dispatch(emailId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.outbox.redispatch([emailId]),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('Redis did not answer')),
            REDISPATCH_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (err) {
      this.logger.warn(
        `Resent email ${emailId} was not queued now (${(err as Error).message}); the mail sweeper will queue it`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private toView(row: FailedRow): FailedEmail {
    return {
      id: row.id,
      toAddress: row.to_address,
      subject: row.subject ?? this.subjectOf(row.template, row.data),
      template: row.template,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      claimedAt: row.claimed_at,
    };
  }

  /** The sender stores the subject only once sent, so a failed row's is rendered here. */
  private subjectOf(template: string, data: Record<string, unknown>): string | null {
    try {
      return this.renderer.render(template, data).subject;
    } catch {
      return null;
    }
  }
}
