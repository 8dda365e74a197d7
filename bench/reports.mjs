// The round report of a large scored round (issue 6): the round bench/scores.mjs seeds (5,000
// eligible applications x 3 assessors x 6 criteria), with a signed-off decision and awards added
// in SQL (some offered, some accepted, declined and expired), then GET
// /api/v1/staff/rounds/<id>/report timed one request at a time, as an officer opening the page.
import pg from 'pg';
import { seedScoredRound, timeSequential } from './scores.mjs';

export const REPORT_AWARDS = 600;

/**
 * Adds a decision record, REPORT_AWARDS awards of £15,000 (every fourth accepted, one in ten
 * declined, one in twenty expired) and their budget commitments to the scored round.
 */
export async function seedReportAwards(databaseUrl, roundId) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const {
      rows: [{ id: recordId }],
    } = await db.query(
      `INSERT INTO decision_records (round_id, number, title, summary, declarations, total_awarded_pence,
         awards_count, declined_count, signed_off_at, signed_off_by_name, published_at)
       VALUES ($1, 'DR-BENCH-001', 'Benchmark decision', 'Benchmark', 'None', $2::bigint * 1500000, $2, 0,
         now() - interval '10 days', 'Benchmark Commissioner', now() - interval '9 days')
       RETURNING id`,
      [roundId, REPORT_AWARDS],
    );
    await db.query(
      `INSERT INTO awards (application_id, round_id, organisation_id, decision_record_id, amount_pence, status, offered_at)
       SELECT a.id, a.round_id, a.organisation_id, $2, 1500000,
              CASE WHEN a.sequence % 20 = 0 THEN 'expired' WHEN a.sequence % 10 = 0 THEN 'declined'
                   WHEN a.sequence % 4 = 0 THEN 'accepted' ELSE 'offered' END,
              now() - interval '10 days'
         FROM applications a WHERE a.round_id = $1 AND a.sequence <= $3`,
      [roundId, recordId, REPORT_AWARDS],
    );
    await db.query(
      `INSERT INTO budget_commitments (round_id, application_id, amount_pence)
       SELECT round_id, application_id, amount_pence FROM awards
        WHERE round_id = $1 AND status IN ('offered', 'accepted')`,
      [roundId],
    );
    await db.query(
      `UPDATE applications SET status = CASE WHEN sequence <= $2 THEN 'awarded' ELSE 'unsuccessful' END
        WHERE round_id = $1`,
      [roundId, REPORT_AWARDS],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

/**
 * Times the round report on the scored round (seeding it when no id is given), after adding
 * its decision and awards. Issue 6 asks for under 500 ms.
 */
export async function timeRoundReport({ baseUrl, databaseUrl, token, scoredRoundId, log }) {
  const roundId = scoredRoundId ?? (await seedScoredRound(databaseUrl));
  log(`Adding a decision and ${REPORT_AWARDS} awards to the scored round`);
  await seedReportAwards(databaseUrl, roundId);
  log('Timing the round report one request at a time');
  const url = `${baseUrl}/api/v1/staff/rounds/${roundId}/report`;
  const res = await globalThis.fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`round report: ${url} answered ${res.status}`);
  const report = await res.json();
  log(`  ${report.summary}`);
  return timeSequential('round report', url, token, 30);
}
