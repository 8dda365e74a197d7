// Email fan-out (issue 7): a round opens with 10,000 confirmed subscribers to its fund; the opening
// writes one notice each to the outbox, and the worker process sends them to a local SMTP server
// (the smtp-server package, in this process), which counts what arrives and to whom.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server that accepts everything and records each recipient and when. */
export async function startSink() {
  const perRecipient = new Map();
  const stats = { received: 0, firstAt: 0, lastAt: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const now = Date.now();
        stats.firstAt ||= now;
        stats.lastAt = now;
        for (const rcpt of session.envelope.rcptTo) {
          perRecipient.set(rcpt.address, (perRecipient.get(rcpt.address) ?? 0) + 1);
          stats.received += 1;
        }
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    stats,
    perRecipient,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** `count` confirmed subscribers to the fund, `sub-<n>@example.org`, in one statement. */
export async function seedSubscribers(databaseUrl, fundSlug, count) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rowCount } = await db.query(
      `INSERT INTO fund_subscriptions (fund_id, email, status, unsubscribe_token, confirmed_at)
       SELECT f.id, 'sub-' || n || '@example.org', 'confirmed',
              encode(sha256(convert_to($3 || n, 'UTF8')), 'hex'), now()
         FROM funds f, generate_series(1, $2::int) n
        WHERE f.slug = $1`,
      [fundSlug, count, randomBytes(8).toString('hex')],
    );
    return rowCount;
  } finally {
    await db.end();
  }
}

/** Waits until `count` messages have arrived (or `timeoutMs`), then a little longer for strays. */
export async function waitForMessages(sink, count, timeoutMs, settleMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  while (sink.stats.received < count && Date.now() < deadline) await sleep(50);
  const done = sink.stats.received >= count;
  await sleep(settleMs);
  return done;
}

/** The outbox after the run: every notice row by status. */
export async function noticeRows(databaseUrl, template) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT status, count(*)::int AS n FROM outbound_emails WHERE template = $1 GROUP BY status`,
      [template],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await db.end();
  }
}
