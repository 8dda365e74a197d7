import type { JsonObject } from '../util/json';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SqlExpr, StatementParams } from '../database/statement-parts';
import { QueueName } from '../queues/job-types';
import { JobsService } from '../queues/jobs.service';
import { OutboundEmail } from './outbound-email.entity';

export interface EmailToSend {
  to: string;
  template: string;
  data: JsonObject;
  dedupeKey?: string;
}

/** How long dispatchSoon gathers ids before one handover job, and the most it gathers. */
const BATCH_WINDOW_MS = 20;
const BATCH_MAX = 200;

/** The domain side of email: write rows inside the business transaction, dispatch after commit. */
@Injectable()
export class MailOutboxService implements OnApplicationShutdown {
  private pending: string[] = [];
  /** Handovers not yet taken by Redis: a shutdown waits for every one. */
  private readonly flushing = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly jobs: JobsService) {}

  /** Returns the ids of rows written; a row whose dedupe key already exists is skipped. */
  async write(manager: EntityManager, emails: EmailToSend[]): Promise<string[]> {
    if (emails.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboundEmail)
      .values(
        emails.map((e) => ({
          toAddress: e.to,
          template: e.template,
          data: e.data,
          dedupeKey: e.dedupeKey ?? null,
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /**
   * For a hot path written as one SQL statement (see statement-parts; a vote and its receipt, a
   * submission and its notices): the data-modifying CTE step that writes this email once for each
   * row of `source` (CTE names and joins, as a FROM list). The address, the template, the data
   * and the dedupe key may be expressions over `source`. The statement is its own transaction, so
   * the email exists exactly when the source row does. The step returns the email's id and dedupe
   * key.
   */
  insertStep(
    source: string,
    email: {
      to: string | SqlExpr;
      template: string | SqlExpr;
      data: JsonObject | SqlExpr;
      dedupeKey?: string | SqlExpr;
    },
    params: StatementParams,
  ): string {
    return `INSERT INTO outbound_emails (to_address, template, data, dedupe_key)
            SELECT ${params.value(email.to, 'text')}, ${params.value(email.template, 'text')},
                   ${params.json(email.data)}, ${params.value(email.dedupeKey ?? null, 'text')}
              FROM ${source}
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id, dedupe_key`;
  }

  /** Call after commit. Safe to call twice: the job id is the row id. */
  async dispatch(emailIds: string[]): Promise<void> {
    // Redis unreachable: the rows are committed and the mail sweeper enqueues them later.
    await this.jobs.enqueueManyBestEffort('mail.send', emailIds.map(sendJob));
  }

  /**
   * The worker's side of a `mail.dispatch` job: as dispatch, but a failure is thrown, so the job
   * is tried again. Queuing an id twice is harmless (its job id is taken, and a sent row is
   * never sent again).
   */
  async enqueueSends(emailIds: string[]): Promise<void> {
    await this.jobs.enqueueMany('mail.send', emailIds.map(sendJob));
  }

  /**
   * For hot paths (a vote's receipt): after commit, gathers ids for a few milliseconds and hands
   * them to the worker in one `mail.dispatch` job, which queues a send job for each. Adding a
   * BullMQ job runs a Lua script in Redis and costs the API's one thread too: one per receipt was
   * a tenth of a vote's time, and Redis' own CPU on the same two cores. The handover goes ahead
   * of the waiting jobs: it takes the worker a moment, and the send jobs it queues then wait their
   * turn as one per email did (behind a long fan-out it would otherwise wait twice, while the
   * sweeper queued its rows one by one). Nothing waits on it; rows whose batch is lost (a crash
   * in the window, Redis down) are still pending, and the sweeper sends them.
   */
  dispatchSoon(emailIds: string[]): void {
    this.pending.push(...emailIds);
    if (this.pending.length >= BATCH_MAX) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
  }

  /** Sends what dispatchSoon gathered (also at shutdown, so a graceful stop loses nothing). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = this.pending;
    this.pending = [];
    if (ids.length > 0) {
      const handover = this.jobs.enqueueBestEffort(
        'mail.dispatch',
        { emailIds: ids },
        { first: true },
      );
      this.flushing.add(handover);
      void handover.finally(() => this.flushing.delete(handover));
    }
    await Promise.all(this.flushing);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * For the sweeper: rows still pending long after they were written. Their job never reached
   * Redis, or it gave up (BullMQ keeps a failed job under its id, so adding it again would be
   * ignored): queue it again either way. A job still waiting or retrying is left alone.
   */
  async redispatch(emailIds: string[]): Promise<number> {
    const queue = this.jobs.queue(QueueName.Mail);
    let queued = 0;
    for (const emailId of emailIds) {
      const { jobId } = sendJob(emailId);
      const job = await queue.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed' || state === 'completed') await job!.remove();
      if (state === 'failed' || state === 'completed' || state === 'missing') {
        await this.jobs.enqueue('mail.send', { emailId }, { jobId });
        queued += 1;
      }
    }
    return queued;
  }
}

/** An email's send job: its id is the row's, so the same email is never queued twice. */
function sendJob(emailId: string): { payload: { emailId: string }; jobId: string } {
  return { payload: { emailId }, jobId: `email-${emailId}` };
}
