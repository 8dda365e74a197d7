// The scores overview of a large scored round (issue 4): 5,000 eligible applications, each
// scored by 3 assessors on 6 criteria (90,000 scores), written straight into the bench database
// with SQL (seeding that through the API would take longer than the measurement), then read
// through the API one request at a time, as an officer opening the page would.
import pg from 'pg';
import { URL } from 'node:url';

const { fetch } = globalThis;

export const SCORED_APPLICATIONS = 5_000;
export const ASSESSORS = 3;
export const CRITERIA = 6;

/** Inserts the round and everything under it; returns the round's id. */
export async function seedScoredRound(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const {
      rows: [{ id: fundId }],
    } = await db.query(`SELECT id FROM funds WHERE code = 'CSF'`);
    const {
      rows: [{ id: roundId }],
    } = await db.query(
      `INSERT INTO grant_rounds (fund_id, code, title, theme, description, status, opens_at, closes_at,
         min_grant_pence, max_grant_pence, min_duration_months, max_duration_months,
         eligible_organisation_types, decision_method, recommend_threshold_bp, reserve_threshold_bp)
       VALUES ($1, 'BIG', 'A very large scored round', 'Benchmark', 'Scores overview at scale', 'closed',
         now() - interval '60 days', now() - interval '30 days', 0, 2000000, 12, 24,
         '{charity}', 'scored', 7000, 6000)
       RETURNING id`,
      [fundId],
    );
    await db.query(
      `INSERT INTO round_budget_contributions (round_id, source_name, amount_pence, position)
       VALUES ($1, 'Commissioner''s Safety Fund', 1000000000, 0)`,
      [roundId],
    );
    const {
      rows: [{ id: organisationId }],
    } = await db.query(
      `INSERT INTO organisations (name, type, charity_number) VALUES ('Benchmark Trust', 'charity', '1123456') RETURNING id`,
    );
    await db.query(
      `INSERT INTO applications (round_id, organisation_id, created_by_id, status, reference, sequence,
         project_title, amount_requested_pence, first_submitted_at, submitted_at)
       SELECT $1, $2, gen_random_uuid(), 'eligible', 'CSF-2026-BIG-' || lpad(i::text, 4, '0'), i,
         'Project ' || i, 1500000, now() - interval '40 days', now() - interval '40 days'
       FROM generate_series(1, $3::int) AS i`,
      [roundId, organisationId, SCORED_APPLICATIONS],
    );
    await db.query(
      `INSERT INTO staff_users (email, display_name, roles, password_hash)
       SELECT 'bench-assessor-' || i || '@opcc.localhost', 'Assessor ' || i, '{assessor}', 'not-a-hash'
       FROM generate_series(1, $1::int) AS i`,
      [ASSESSORS],
    );
    // Weights 20 + 20 + 15 + 15 + 15 + 15 = 100, each out of 5.
    await db.query(
      `INSERT INTO assessment_criteria (round_id, position, title, guidance, max_score, weight)
       SELECT $1, i, 'Criterion ' || i, '', 5, CASE WHEN i < 2 THEN 20 ELSE 15 END
       FROM generate_series(0, $2::int - 1) AS i`,
      [roundId, CRITERIA],
    );
    await db.query(
      `INSERT INTO round_assessments (round_id, rubric_frozen_at) VALUES ($1, now())`,
      [roundId],
    );
    await db.query(
      `INSERT INTO assessor_assignments (application_id, assessor_id, status, declared_at, submitted_at)
       SELECT a.id, s.id, 'submitted', now(), now()
       FROM applications a CROSS JOIN staff_users s
       WHERE a.round_id = $1 AND s.email LIKE 'bench-assessor-%'`,
      [roundId],
    );
    // Scores spread over 0..5 so the bands and moderation flags all occur.
    await db.query(
      `INSERT INTO criterion_scores (assignment_id, criterion_id, score, comment)
       SELECT aa.id, c.id, abs(hashtext(aa.id::text || c.id::text)) % 6, 'Benchmark'
       FROM assessor_assignments aa
       JOIN applications a ON a.id = aa.application_id
       JOIN assessment_criteria c ON c.round_id = a.round_id
       WHERE a.round_id = $1`,
      [roundId],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return roundId;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

/** Median and 95th percentile of `count` requests made one after another, after 3 warm-ups. */
export async function timeSequential(name, url, token, count = 20) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const once = async () => {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${name}: ${url} answered ${res.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let i = 0; i < 3; i += 1) await once();
  const times = [];
  for (let i = 0; i < count; i += 1) times.push(await once());
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    name,
    path: new URL(url).pathname,
    requests: count,
    medianMs: Math.round(at(0.5)),
    p95Ms: Math.round(at(0.95)),
  };
}
