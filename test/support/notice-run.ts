import { JobsService, MailOutboxService, QueueName } from '@grants/core';
import { randomBytes } from 'node:crypto';
import type { SmtpSink } from './smtp-sink';
import type { TestContext } from './test-context';

/**
 * A run of notices through the outbox as the product writes them (rows in one transaction,
 * then one dispatch after commit), and what became of each: its row's status and how many
 * times the SMTP server got it. The sender's Message-ID is `<row id@host>`, one per row.
 */
export async function writeNotices(
  ctx: TestContext,
  count: number,
  tag: string,
): Promise<string[]> {
  const outbox = ctx.get(MailOutboxService);
  const ids = await ctx.dataSource.transaction((manager) =>
    outbox.write(
      manager,
      Array.from({ length: count }, (_, i) => ({
        to: `notice-${tag}-${i}@example.org.uk`,
        template: 'subscriptions/round-opened',
        data: {
          fundName: "Commissioner's Safety Fund",
          roundTitle: `Notice run ${tag}`,
          closesAtUk: '17:00 on 24/10/2030',
          roundUrl: 'http://127.0.0.1/rounds/x',
          unsubscribeUrl: `http://127.0.0.1/subscriptions/unsubscribe?token=${i}`,
        },
        dedupeKey: `notice-run/${tag}/${i}`,
      })),
    ),
  );
  await outbox.dispatch(ids);
  return ids;
}

/** Confirmed subscribers of a fund, straight into the table as confirmation leaves them. */
export async function seedSubscribers(
  ctx: TestContext,
  fundId: string,
  count: number,
): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  await ctx.dataSource.query(
    `INSERT INTO fund_subscriptions (fund_id, email, status, unsubscribe_token, confirmed_at)
     SELECT $1, 'subscriber-' || $2 || '-' || i || '@example.org.uk', 'confirmed',
            md5(random()::text || i), now()
       FROM generate_series(1, $3::int) AS i`,
    [fundId, tag, count],
  );
}

export interface NoticeOutcome {
  byStatus: Record<string, string[]>;
  /** Times the SMTP server got each row's message, by row id. */
  received: Map<string, number>;
  /** Messages the server got more than once. */
  duplicates: string[];
}

/** The row id in a Message-ID `<id@host>`. */
const rowIdOf = (messageId: string) => /^<([^@>]+)@/.exec(messageId)?.[1] ?? messageId;

export async function noticeOutcome(
  ctx: TestContext,
  sink: SmtpSink,
  ids: string[],
): Promise<NoticeOutcome> {
  const rows: { id: string; status: string }[] = await ctx.dataSource.query(
    `SELECT id, status FROM outbound_emails WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const byStatus: Record<string, string[]> = {};
  for (const row of rows) (byStatus[row.status] ??= []).push(row.id);
  const received = new Map<string, number>();
  for (const message of sink.messages) {
    const id = rowIdOf(message.messageId);
    received.set(id, (received.get(id) ?? 0) + 1);
  }
  const duplicates = [...received].filter(([, n]) => n > 1).map(([id]) => id);
  return { byStatus, received, duplicates };
}

/**
 * No row waiting to be claimed and no job waiting or in hand (a killed worker's jobs stay active
 * until BullMQ finds them stalled). Delayed jobs are left out: the sweeper's scheduler always has
 * one, and a send retried later has its row back at pending.
 */
export async function noticeRunSettled(ctx: TestContext, ids: string[]): Promise<boolean> {
  const [{ pending }]: { pending: number }[] = await ctx.dataSource.query(
    `SELECT count(*)::int AS pending FROM outbound_emails WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
    [ids],
  );
  if (pending > 0) return false;
  const counts = await ctx
    .get(JobsService)
    .queue(QueueName.Mail)
    .getJobCounts('waiting', 'active', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}
