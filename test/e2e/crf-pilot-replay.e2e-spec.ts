import { Application } from '@grants/applications';
import { Award } from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { jest } from '@jest/globals';
import { waitForMail } from '../factories/applicant-api.factory';
import { VOTE_SIGN_OFF } from '../factories/closed-vote.factory';
import { ballotTimes, closeBallotNow, openBallotNow } from '../factories/open-ballot.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { createVoteRound, VoteRound } from '../factories/vote-round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { ReceivedMail, SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

const AREAS = { Winterton: 'DN15 9', 'Bridlington South': 'YO15, YO16' } as const;
type AreaName = keyof typeof AREAS;
/** Residents' postcodes, and how they vote: project index on the shortlist, per resident. */
const RESIDENTS: Record<AreaName, { postcode: string; votes: number[] }> = {
  Winterton: { postcode: 'DN15 9AB', votes: [0, 0, 1, 0, 2, 1, 0] },
  'Bridlington South': { postcode: 'YO16 4JA', votes: [1, 2, 1, 0, 1] },
};
const isCodeMail = (m: ReceivedMail) => /is your code to vote in/.test(m.subject);

/**
 * The Community Response Fund pilot replayed end to end on the built server, with its job
 * processors sending every email to a real SMTP server: eight bids appraised eligible in two
 * areas, the grants officer's shortlist of three per area and the ballots over the staff API,
 * residents verified by the code in their email voting over the public API (with a duplicate
 * and the abuse the issue names refused), the ballots closed, counted and published, and the
 * Commissioner's sign-off: one winner per area awarded within its £10,000, every notice once.
 */
describe('the Community Response Fund pilot, replayed end to end', () => {
  let sink: SmtpSink;
  let server: ServerProcess;
  let ctx: TestContext;
  let vote: VoteRound;
  let officer: HttpClient;
  let decider: HttpClient;
  const ballotIds: Partial<Record<AreaName, string>> = {};
  const winners: Partial<Record<AreaName, string>> = {};
  /** Each resident's address, for the mail counts at the end. */
  const voters: string[] = [];
  let ip = 0;
  /** A resident's browser: each from its own address (TRUST_PROXY), so per-address limits stay apart. */
  const client = (token?: string) => {
    const http = token
      ? new HttpClient(server.baseUrl).withBearer(token)
      : new HttpClient(server.baseUrl);
    const headers = { 'x-forwarded-for': `198.51.100.${(++ip % 250) + 1}` };
    return {
      post: (path: string, json: unknown) => http.request('POST', path, { json, headers }),
      get: (path: string) => http.request('GET', path, { headers }),
    };
  };
  const area = (name: AreaName) => vote.round.areas.find((a) => a.name === name)!;
  const staff = (path: string) => `/api/v1/staff${path}`;

  /** Asks for a code, reads it from the email the SMTP server received. */
  async function codeFor(ballotId: string, email: string, postcode: string) {
    const asked = await client().post(`/api/v1/ballots/${ballotId}/voter-codes`, {
      email,
      postcode,
    });
    expect(asked.status).toBe(202);
    const [mail] = await waitForMail(sink, email, isCodeMail);
    return {
      verificationId: asked.json().verificationId as string,
      code: /(\d{6})/.exec(mail.subject)![1],
    };
  }

  async function verifiedVoter(ballotId: string, email: string, postcode: string) {
    const { verificationId, code } = await codeFor(ballotId, email, postcode);
    const verified = await client().post(
      `/api/v1/ballots/${ballotId}/voter-codes/${verificationId}/verify`,
      { code },
    );
    expect(verified.status).toBe(200);
    voters.push(email);
    return client(verified.json().token as string);
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({
      withWorker: true,
      env: {
        SMTP_URL: sink.url,
        TRUST_PROXY: 'true',
        EMAIL_SENDS_PER_HOUR: '1000',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '1000',
      },
    });
    // The same queues as the server, so what the arrangement sends goes through its worker too.
    ctx = await createTestContext({ env: { REDIS_PREFIX: server.env.REDIS_PREFIX } });
    vote = await createVoteRound(ctx, 4);
    const token = async (role: Parameters<typeof createStaff>[1]) =>
      bearerFor(server.baseUrl, (await createStaff(ctx, role)).email);
    officer = new HttpClient(server.baseUrl).withBearer(await token('grants-officer'));
    decider = new HttpClient(server.baseUrl).withBearer(await token('decision-maker'));
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('shortlists three per area and schedules each ballot through the staff API', async () => {
    for (const name of Object.keys(AREAS) as AreaName[]) {
      const bids = vote.byArea[name];
      const shortlisted = await officer.request(
        'PUT',
        staff(`/rounds/${vote.round.id}/areas/${area(name).id}/shortlist`),
        {
          json: {
            entries: bids.slice(0, 3).map((a) => ({
              applicationId: a.id,
              publicTitle: `${a.projectTitle} (public)`,
              publicSummary: 'Activities and lighting where young people gather.',
              amountPence: a.amountRequestedPence!,
            })),
          },
        },
      );
      expect(shortlisted.status).toBe(200);
      const { opensAt, closesAt } = ballotTimes(vote.round);
      const settings = await officer.request(
        'PUT',
        staff(`/rounds/${vote.round.id}/areas/${area(name).id}/ballot`),
        {
          json: {
            opensAt: opensAt.toISOString(),
            closesAt: closesAt.toISOString(),
            postcodeAreas: AREAS[name],
            postcodeFlagThreshold: 10,
          },
        },
      );
      expect(settings.status).toBe(200);
      const ballotId = settings.json().id as string;
      const scheduled = await officer.post(staff(`/ballots/${ballotId}/schedule`));
      expect(scheduled.status).toBe(200);
      expect(scheduled.json().status).toBe('scheduled');
      ballotIds[name] = ballotId;
      // The server runs on real time: the opening is moved to now (see openBallotNow).
      await openBallotNow(ctx, ballotId);
    }
    const statuses = await ctx.dataSource
      .getRepository(Application)
      .findBy({ roundId: vote.round.id });
    expect(statuses.map((a) => a.status).sort()).toEqual([
      ...Array(2).fill('not-shortlisted'),
      ...Array(6).fill('shortlisted'),
    ]);
  });

  it('lets verified residents vote once each, and refuses duplicates and abuse', async () => {
    const winterton = ballotIds.Winterton!;
    const bridlington = ballotIds['Bridlington South']!;
    const entries = (name: AreaName) => vote.byArea[name].slice(0, 3);

    for (const name of Object.keys(RESIDENTS) as AreaName[]) {
      const { postcode, votes } = RESIDENTS[name];
      for (const [i, choice] of votes.entries()) {
        const email = `${name.split(' ')[0].toLowerCase()}.resident${i + 1}@example.org.uk`;
        const resident = await verifiedVoter(ballotIds[name]!, email, postcode);
        const cast = await resident.post(`/api/v1/ballots/${ballotIds[name]}/votes`, {
          applicationId: entries(name)[choice].id,
        });
        expect(cast.status).toBe(201);
        expect(cast.json().receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        // A second vote by the same resident (another tab, another project) counts nothing.
        if (i === 0) {
          const again = await resident.post(`/api/v1/ballots/${ballotIds[name]}/votes`, {
            applicationId: entries(name)[1].id,
          });
          expect(again.status).toBe(409);
          expect(again.json().code).toBe('already_voted');
        }
      }
    }

    // A postcode outside the area, and a disposable address: refused, no code sent.
    const outside = await client().post(`/api/v1/ballots/${winterton}/voter-codes`, {
      email: 'outsider@example.org.uk',
      postcode: 'YO15 2NL',
    });
    expect(outside.status).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ field: 'postcode' });
    const disposable = await client().post(`/api/v1/ballots/${winterton}/voter-codes`, {
      email: 'quick.vote@mailinator.com',
      postcode: 'DN15 9AB',
    });
    expect(disposable.status).toBe(422);
    expect(disposable.json().errors[0]).toMatchObject({ field: 'email' });

    // Five wrong codes lock the request: the right code no longer works.
    const guesser = 'guesser@example.org.uk';
    const { verificationId, code } = await codeFor(winterton, guesser, 'DN15 9HU');
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const verify = (c: string) =>
      client().post(`/api/v1/ballots/${winterton}/voter-codes/${verificationId}/verify`, {
        code: c,
      });
    for (let i = 0; i < 5; i += 1)
      expect((await verify(wrong)).json().code).toBe('voter_code_wrong');
    const locked = await verify(code);
    expect(locked.status).toBeGreaterThanOrEqual(400);
    expect(locked.json().code).toBe('voter_code_locked');

    // A project from the other area is not on this resident's ballot; nor is their token
    // good for the other ballot.
    const crossVoter = await verifiedVoter(winterton, 'cross.area@example.org.uk', 'DN15 9QS');
    const cross = await crossVoter.post(`/api/v1/ballots/${winterton}/votes`, {
      applicationId: entries('Bridlington South')[0].id,
    });
    expect(cross.status).toBe(422);
    expect(cross.json().errors[0]).toMatchObject({ field: 'choice' });
    const elsewhere = await crossVoter.post(`/api/v1/ballots/${bridlington}/votes`, {
      applicationId: entries('Bridlington South')[0].id,
    });
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    // Their one vote is still theirs to cast.
    const counted = await crossVoter.post(`/api/v1/ballots/${winterton}/votes`, {
      applicationId: entries('Winterton')[0].id,
    });
    expect(counted.status).toBe(201);
    expect(voters).toHaveLength(7 + 5 + 1);
  });

  it('closes, counts and publishes each result, and the Commissioner signs off the winners', async () => {
    const expected: Record<AreaName, { votes: number[]; winner: number }> = {
      // Winterton: the seven residents' 4, 2, 1 and the cross-area resident's vote for project 1.
      Winterton: { votes: [5, 2, 1], winner: 0 },
      'Bridlington South': { votes: [1, 3, 1], winner: 1 },
    };
    for (const name of Object.keys(AREAS) as AreaName[]) {
      const ballotId = ballotIds[name]!;
      await closeBallotNow(ctx, ballotId);
      const late = await client().post(`/api/v1/ballots/${ballotId}/voter-codes`, {
        email: 'late.resident@example.org.uk',
        postcode: RESIDENTS[name].postcode,
      });
      expect(late.status).toBe(409);
      expect(late.json().code).toBe('ballot_not_open');

      const published = await decider.post(staff(`/ballots/${ballotId}/publish`), {});
      expect(published.status).toBe(200);
      const shortlist = vote.byArea[name].slice(0, 3);
      const votes = shortlist.map(
        (a) =>
          published.json().projects.find((p: { applicationId: string }) => p.applicationId === a.id)
            .votes as number,
      );
      expect(votes).toEqual(expected[name].votes);
      winners[name] = shortlist[expected[name].winner].id;
      const results = await client().get(`/api/v1/ballots/${ballotId}/results`);
      expect(results.status).toBe(200);
    }

    const signedOff = await decider.post(
      staff(`/rounds/${vote.round.id}/vote/decision/sign-off`),
      VOTE_SIGN_OFF,
    );
    expect(signedOff.status).toBe(200);
    expect(signedOff.json()).toMatchObject({ awardsCount: 2, declinedCount: 4 });

    const awards = await ctx.dataSource.getRepository(Award).findBy({ roundId: vote.round.id });
    expect(awards.map((a) => a.applicationId).sort()).toEqual(Object.values(winners).sort());
    for (const award of awards) expect(award.amountPence).toBeLessThanOrEqual(1_000_000);
    const total = awards.reduce((sum, a) => sum + a.amountPence, 0);
    expect(await ctx.get(RoundBudgetService).summary(vote.round.id)).toEqual({
      budgetPence: 2_000_000,
      committedPence: total,
      availablePence: 2_000_000 - total,
    });
    const statuses = new Map(
      (await ctx.dataSource.getRepository(Application).findBy({ roundId: vote.round.id })).map(
        (a) => [a.id, a.status],
      ),
    );
    for (const name of Object.keys(AREAS) as AreaName[])
      expect(vote.byArea[name].map((a) => statuses.get(a.id))).toEqual(
        vote.byArea[name].map((a, i) =>
          a.id === winners[name] ? 'awarded' : i < 3 ? 'unsuccessful' : 'not-shortlisted',
        ),
      );
  });

  it('delivered every notice to the SMTP server exactly once', async () => {
    // Everything the outbox holds for the round's people and residents, once sent.
    const people: { application_id: string; email: string }[] = await ctx.dataSource.query(
      `SELECT a.id AS application_id, ap.email
         FROM applications a
         JOIN organisation_members m ON m.organisation_id = a.organisation_id
         JOIN applicants ap ON ap.id = m.applicant_id
        WHERE a.round_id = $1`,
      [vote.round.id],
    );
    const addresses = [...people.map((p) => p.email), ...voters, 'guesser@example.org.uk'];
    let rows: { to_address: string; status: string }[] = [];
    await waitUntil(async () => {
      rows = await ctx.dataSource.query(
        `SELECT to_address, status FROM outbound_emails WHERE to_address = ANY($1)`,
        [addresses],
      );
      const received = addresses.reduce((n, a) => n + sink.to(a).length, 0);
      return rows.every((r) => r.status === 'sent') && received >= rows.length;
    }, 60_000);
    expect(rows.length).toBeGreaterThan(0);

    // No message twice: by recipient and subject, each one arrived once.
    const seen = new Map<string, number>();
    for (const address of addresses)
      for (const mail of sink.to(address)) {
        const key = `${address} | ${mail.subject}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    expect(addresses.reduce((n, a) => n + sink.to(a).length, 0)).toBe(rows.length);

    // Each resident: one code and one receipt; the guesser only the code.
    for (const email of voters) {
      const subjects = sink.to(email).map((m) => m.subject);
      expect(subjects.filter((s) => /is your code to vote in/.test(s))).toHaveLength(1);
      expect(subjects.filter((s) => /^Your vote in .* is counted$/.test(s))).toHaveLength(1);
      expect(subjects).toHaveLength(2);
    }
    expect(sink.to('guesser@example.org.uk')).toHaveLength(1);

    // Each applicant: told once whether they were shortlisted, and once the result.
    for (const name of Object.keys(AREAS) as AreaName[])
      for (const [i, application] of vote.byArea[name].entries()) {
        const email = people.find((p) => p.application_id === application.id)!.email;
        const subjects = sink.to(email).map((m) => m.subject);
        const onVote = subjects.filter(
          (s) => s === `Your project is on the public vote in ${name}`,
        );
        const notShortlisted = subjects.filter((s) =>
          s.endsWith(`${application.reference}: not shortlisted`),
        );
        expect([onVote.length, notShortlisted.length]).toEqual(i < 3 ? [1, 0] : [0, 1]);
        const decided = subjects.filter(
          (s) =>
            s === `Grant offered: ${application.reference}` ||
            s === `Decision on application ${application.reference}`,
        );
        expect({ i, decided: decided.length }).toEqual({ i, decided: i < 3 ? 1 : 0 });
      }
  });
});
