// The public vote (issue 5): casting votes through the built server at 200 connections, and the
// count of a ballot holding 1,000,000 votes. Voters are written straight into the bench database
// (proving 100,000 emails over HTTP would only measure the code path): each row's session_hash is
// the SHA-256 of a token the load generator can recompute, `vt.bench-<tag>-<n>`, so every request
// brings a voter who has not voted yet, as the real traffic of a vote does.
import pg from 'pg';

const SHORTLIST = 3;

/** `vt.` as real voter tokens; the same text the seed hashed. */
export const voterToken = (tag, n) => `vt.bench-${tag}-${n}`;

async function withClient(databaseUrl, work) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/**
 * A public-vote round with one area per ballot asked for, three shortlisted projects in each,
 * and each ballot holding `voters` verified voters (numbered 1..voters).
 */
export async function seedVoteRound(databaseUrl, ballots) {
  return withClient(databaseUrl, async (db) => {
    await db.query('BEGIN');
    const {
      rows: [{ id: fundId }],
    } = await db.query(`SELECT id FROM funds WHERE code = 'CSF'`);
    const {
      rows: [{ id: roundId }],
    } = await db.query(
      `INSERT INTO grant_rounds (fund_id, code, title, theme, description, status, opens_at, closes_at,
         min_grant_pence, max_grant_pence, min_duration_months, max_duration_months,
         eligible_organisation_types, decision_method)
       VALUES ($1, 'VOTE', 'Benchmark public vote', 'Benchmark', 'Votes at scale', 'closed',
         now() - interval '60 days', now() - interval '30 days', 0, 1000000, 3, 12,
         '{community-group}', 'public-vote')
       RETURNING id`,
      [fundId],
    );
    const {
      rows: [{ id: organisationId }],
    } = await db.query(
      `INSERT INTO organisations (name, type) VALUES ('Benchmark Community Group', 'community-group') RETURNING id`,
    );
    const out = [];
    for (const [position, spec] of ballots.entries()) {
      const {
        rows: [{ id: areaId }],
      } = await db.query(
        `INSERT INTO round_areas (round_id, name, focus_issue, position, budget_cap_pence)
         VALUES ($1, $2, 'Benchmark', $3, 1000000) RETURNING id`,
        [roundId, spec.areaName, position],
      );
      const { rows: applications } = await db.query(
        `INSERT INTO applications (round_id, organisation_id, created_by_id, area_id, status, reference,
           sequence, project_title, amount_requested_pence, first_submitted_at, submitted_at)
         SELECT $1, $2, gen_random_uuid(), $3, 'shortlisted', 'CSF-BENCH-' || $4 || '-' || i, $5 + i,
           'Project ' || i, 900000, now() - interval '40 days', now() - interval '40 days'
         FROM generate_series(1, $6::int) AS i
         RETURNING id`,
        [roundId, organisationId, areaId, spec.tag, position * SHORTLIST, SHORTLIST],
      );
      await db.query(
        `INSERT INTO shortlist_entries (application_id, round_id, area_id, position, public_title,
           public_summary, amount_pence)
         SELECT id, $2, $3, ord - 1, 'Project ' || ord, 'Lighting and activities in the park.', 900000
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
        [applications.map((a) => a.id), roundId, areaId],
      );
      const {
        rows: [{ id: ballotId }],
      } = await db.query(
        `INSERT INTO ballots (round_id, area_id, status, opens_at, closes_at, postcode_areas)
         VALUES ($1, $2, $3, now() - interval '1 hour', now() + interval '14 days', '{DN15}')
         RETURNING id`,
        [roundId, areaId, spec.status],
      );
      await db.query(
        `INSERT INTO ballot_voters (ballot_id, email, postcode, verified_at, session_hash, session_expires_at)
         SELECT $1, 'voter-' || $2 || '-' || n || '@example.org',
           -- About 15 voters a full postcode, as real ones: the per-postcode flag count stays small.
           'DN15 ' || (n % 10) || chr(65 + (n / 10 % 26)::int) || chr(65 + (n / 260 % 26)::int), now(),
           encode(sha256(convert_to('vt.bench-' || $2 || '-' || n, 'UTF8')), 'hex'),
           now() + interval '1 day'
         FROM generate_series(1, $3::int) AS n`,
        [ballotId, spec.tag, spec.voters],
      );
      out.push({ ballotId, applicationIds: applications.map((a) => a.id), ...spec });
    }
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return out;
  });
}

/**
 * Every voter of the ballot has voted (one INSERT ... SELECT), choices spread unevenly over the
 * shortlist. Returns the number of votes.
 */
export async function castEveryVote(databaseUrl, ballot) {
  return withClient(databaseUrl, async (db) => {
    const { rowCount } = await db.query(
      `INSERT INTO votes (ballot_id, voter_id, application_id, cast_at, receipt_hash, postcode, ip_hash, user_agent)
       SELECT v.ballot_id, v.id, ($2::uuid[])[1 + abs(hashtext(v.id::text)) % 5 % 3],
         now() - interval '1 hour' * random(), md5(v.id::text) || md5(v.email), v.postcode,
         md5(v.email), 'bench'
       FROM ballot_voters v WHERE v.ballot_id = $1`,
      [ballot.ballotId, ballot.applicationIds],
    );
    await db.query('ANALYZE votes');
    return rowCount;
  });
}

/**
 * The count as TallyService makes it (the grouped query, with the ballot and shortlist reads
 * beside it): median and worst of `runs` after one warm-up.
 */
export async function timeTallySql(databaseUrl, ballotId, runs = 7) {
  return withClient(databaseUrl, async (db) => {
    const once = async () => {
      const started = process.hrtime.bigint();
      await db.query(`SELECT * FROM ballots WHERE id = $1`, [ballotId]);
      await db.query(
        `SELECT * FROM shortlist_entries WHERE area_id = (SELECT area_id FROM ballots WHERE id = $1)
          ORDER BY position`,
        [ballotId],
      );
      await db.query(
        `SELECT application_id,
                count(*) FILTER (WHERE voided_at IS NULL)::int AS votes,
                count(*) FILTER (WHERE voided_at IS NOT NULL)::int AS voided
           FROM votes WHERE ballot_id = $1 GROUP BY application_id`,
        [ballotId],
      );
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await once();
    const times = [];
    for (let i = 0; i < runs; i += 1) times.push(await once());
    times.sort((a, b) => a - b);
    const {
      rows: [plan],
    } = await db.query(
      `EXPLAIN (FORMAT JSON) SELECT application_id, count(*) FROM votes WHERE ballot_id = $1 GROUP BY application_id`,
      [ballotId],
    );
    return {
      medianMs: Math.round(times[Math.floor(runs / 2)]),
      maxMs: Math.round(times[runs - 1]),
      plan: plan['QUERY PLAN'][0].Plan['Node Type'],
    };
  });
}

/**
 * Autocannon requests: each one a voter who has not voted (a fresh token), a choice among the
 * three, and its own client address (the server trusts X-Forwarded-For in the benchmark, so the
 * per-address vote limit does its normal work rather than answering 429 to one address).
 */
/** The n-th of 16 million client addresses (10.x.y.z), for X-Forwarded-For. */
export function clientAddress(n) {
  const i = n % 16_777_216;
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

export function voteRequests(path, ballot) {
  // Shared by the warm-up and the measurement, so no token is used twice.
  let n = 0;
  return [
    {
      method: 'POST',
      path,
      setupRequest: (request) => {
        n += 1;
        return {
          ...request,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            authorization: `Bearer ${voterToken(ballot.tag, n)}`,
            'x-forwarded-for': clientAddress(n),
          },
          body: JSON.stringify({ applicationId: ballot.applicationIds[n % SHORTLIST] }),
        };
      },
    },
  ];
}
