// Application submission under load (issue 7): complete drafts, each from its own applicant and
// organisation, seeded straight into the database in one statement; then every request submits a
// different draft through the API, as a busy closing day would.
import pg from 'pg';
import { clientAddress } from './votes.mjs';

/**
 * `count` complete drafts in the open round. Applicant n's bearer token is `ap.bench-<tag>-<n>`
 * (its session row holds the SHA-256 of it, as the app stores tokens). Returns the application ids
 * in the order of n. Data-modifying CTEs share one snapshot, and foreign keys are checked at the
 * end of the statement, so the rows can refer to each other.
 */
export async function seedSubmitDrafts(databaseUrl, roundId, count, tag) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `WITH src AS (
         SELECT n, gen_random_uuid() AS applicant_id, gen_random_uuid() AS org_id,
                gen_random_uuid() AS app_id
           FROM generate_series(1, $2::int) n
       ), round AS (
         SELECT id, plan_themes, min_duration_months, closes_at FROM grant_rounds WHERE id = $1
       ), applicants AS (
         INSERT INTO applicants (id, email)
         SELECT applicant_id, 'bench-' || $3 || '-' || n || '@example.org' FROM src
       ), sessions AS (
         INSERT INTO applicant_sessions (token_hash, applicant_id, kind, expires_at)
         SELECT encode(sha256(convert_to('ap.bench-' || $3 || '-' || n, 'UTF8')), 'hex'),
                applicant_id, 'bearer', now() + interval '1 day'
           FROM src
       ), organisations AS (
         INSERT INTO organisations (id, name, type, address_line1, town, postcode, contact_name,
           contact_email, contact_phone, safeguarding_lead_name, safeguarding_lead_email)
         SELECT org_id, 'Braunstone Youth Club ' || n, 'community-group', n || ' Hinckley Road',
                'Leicester', 'LE3 1AA', 'Sam Patel', 'bench-' || $3 || '-' || n || '@example.org',
                '0116 496 0000', 'Jo Smith', 'safeguarding-' || n || '@example.org'
           FROM src
       ), members AS (
         INSERT INTO organisation_members (organisation_id, applicant_id)
         SELECT org_id, applicant_id FROM src
       ), drafts AS (
         INSERT INTO applications (id, round_id, organisation_id, created_by_id, project_title,
           project_summary, plan_themes, themes_explanation, amount_requested_pence, start_date,
           duration_months, outcomes, outcome_measures, beneficiary_age_groups, beneficiary_count,
           beneficiary_description, declaration_true, declaration_policies)
         SELECT app_id, round.id, org_id, applicant_id, 'Friday night football ' || n,
                'Free coached football on Friday evenings for young people aged 10 to 17.',
                round.plan_themes[1:1],
                'Gives young people somewhere safe to be when anti-social behaviour peaks.',
                1500000, (round.closes_at + interval '40 days')::date, round.min_duration_months,
                'Fewer reports of anti-social behaviour near the park on Friday nights.',
                'Attendance registers and police ASB figures for the ward, quarterly.',
                '{11-17}', 60, 'Young people at risk of being drawn into crime.', true, true
           FROM src, round
       ), lines AS (
         INSERT INTO application_budget_lines (application_id, position, item, amount_pence)
         SELECT app_id, 0, 'Coaches', 1200000 FROM src
         UNION ALL SELECT app_id, 1, 'Pitch hire', 300000 FROM src
       )
       SELECT app_id FROM src ORDER BY n`,
      [roundId, count, tag],
    );
    // As autovacuum would after a day of drafts (this machine's PostgreSQL runs without it,
    // `autovacuum = off` in its conf.d/90-ci.conf):
    // the planner, and the generic plans of prepared finds, need the tables' real sizes.
    await db.query('ANALYZE');
    return rows.map((r) => r.app_id);
  } finally {
    await db.end();
  }
}

/** Autocannon requests: each submits the next draft with its own applicant's token. */
export function submitRequests(applicationIds, tag) {
  let next = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        if (next >= applicationIds.length) throw new Error('Out of seeded drafts: seed more');
        next += 1;
        return {
          ...request,
          path: `/api/v1/applications/${applicationIds[next - 1]}/submit`,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            authorization: `Bearer ap.bench-${tag}-${next}`,
            'x-forwarded-for': clientAddress(next),
          },
          body: '{}',
        };
      },
    },
  ];
}

/** What the run stored: submitted applications with their confirmation emails. */
export async function countSubmitted(databaseUrl, roundId) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const {
      rows: [row],
    } = await db.query(
      `SELECT count(*)::int AS submitted,
              count(DISTINCT reference)::int AS "distinctReferences",
              (SELECT count(*)::int FROM audit_events WHERE action = 'application.submitted') AS audited
         FROM applications WHERE round_id = $1 AND status = 'submitted'`,
      [roundId],
    );
    return row;
  } finally {
    await db.end();
  }
}
