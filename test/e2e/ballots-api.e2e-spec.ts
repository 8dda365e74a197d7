import { Application } from '@grants/applications';
import { TallyService } from '@grants/ballots';
import { OutboundEmail } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { jest } from '@jest/globals';
import { ballotTimes, closeBallotNow, openBallotNow } from '../factories/open-ballot.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

const NO_SUCH_ID = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';

/**
 * The public vote's JSON API end to end on the CRF pilot: officers shortlist Winterton and set
 * up and schedule its ballot over HTTP; it opens (see openBallotNow for why by SQL); residents
 * prove their email and vote once each; staff review, void a vote, and after close the tie goes
 * to the decision maker, whose choice is published for everyone with the anonymised votes.
 */
describe('ballots API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let byArea: Record<string, Application[]>;
  let officer: HttpClient;
  let decider: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  let anonymous: HttpClient;
  let ballotId: string;
  let draftBallotId: string;
  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);
  const area = (name: string) => round.areas.find((a) => a.name === name)!.id;
  const staff = (path: string) => `/api/v1/staff${path}`;
  const shortlistPath = (areaName: string, roundId = round.id) =>
    staff(`/rounds/${roundId}/areas/${area(areaName)}/shortlist`);
  const entry = (a: Application) => ({
    applicationId: a.id,
    publicTitle: `${a.projectTitle} (public)`,
    publicSummary: 'Lighting and activities where young people gather in the evening.',
    amountPence: a.amountRequestedPence!,
  });
  const settings = () => {
    const { opensAt, closesAt } = ballotTimes(round);
    return {
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      postcodeAreas: 'dn15 9',
      postcodeFlagThreshold: 1,
    };
  };

  /** Asks for a code over HTTP and reads it from the outbox row the email is sent from. */
  async function askForCode(email: string, postcode: string) {
    const asked = await anonymous.post(`/api/v1/ballots/${ballotId}/voter-codes`, {
      email,
      postcode,
    });
    expect(asked.status).toBe(202);
    const { verificationId } = asked.json();
    const mail = await ctx.dataSource
      .getRepository(OutboundEmail)
      .findOneByOrFail({ dedupeKey: `voting-code:${verificationId}` });
    return { verificationId: verificationId as string, code: String(mail.data.code) };
  }

  async function voter(email: string, postcode = 'DN15 9AB'): Promise<HttpClient> {
    const { verificationId, code } = await askForCode(email, postcode);
    const verified = await anonymous.post(
      `/api/v1/ballots/${ballotId}/voter-codes/${verificationId}/verify`,
      { code },
    );
    expect(verified.status).toBe(200);
    return as(verified.json().token as string);
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ round, byArea } = await createVoteRound(ctx, 4));
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    const token = async (role: Parameters<typeof createStaff>[1]) =>
      bearerFor(server.baseUrl, (await createStaff(ctx, role)).email);
    officer = as(await token('grants-officer'));
    decider = as(await token('decision-maker'));
    finance = as(await token('finance'));
    assessor = as(await token('assessor'));
    anonymous = as();
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lets officers shortlist, office readers read, and refuses bad input with coded 4xx', async () => {
    const w = byArea['Winterton'];
    expect((await anonymous.get(staff(`/rounds/${round.id}/shortlists`))).status).toBe(401);
    expect((await assessor.get(staff(`/rounds/${round.id}/shortlists`))).status).toBe(403);
    const put = (client: HttpClient, json: unknown, path = shortlistPath('Winterton')) =>
      client.request('PUT', path, { json });
    expect((await put(finance, { entries: [entry(w[0])] })).status).toBe(403);

    const tooMany = await put(officer, { entries: w.map(entry) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json().errors).toEqual([
      { field: 'entries', message: 'Winterton can have at most 3 projects on its shortlist' },
    ]);
    const otherArea = await put(officer, { entries: [entry(byArea['Bridlington South'][0])] });
    expect(otherArea.json().errors[0]).toMatchObject({ field: 'entries.0.applicationId' });
    for (const json of [
      { entries: [{ ...entry(w[0]), amountPence: 'lots' }] },
      { entries: 'all of them' },
      { entries: [entry(w[0])], extra: true },
      { entries: [{ ...entry(w[0]), votes: 3 }] },
    ]) {
      const refused = await put(officer, json);
      expect(refused.status).toBe(422);
      expect(refused.json().code).toBe('validation_failed');
    }
    for (const path of [
      staff(`/rounds/not-a-round/areas/${area('Winterton')}/shortlist`),
      staff(`/rounds/${round.id}/areas/not-an-area/shortlist`),
      shortlistPath('Winterton', NO_SUCH_ID),
    ])
      expect((await put(officer, { entries: [entry(w[0])] }, path)).status).toBe(404);

    const saved = await put(officer, { entries: w.slice(0, 3).map(entry) });
    expect(saved.status).toBe(200);
    expect(saved.json().entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(
      w.slice(0, 3).map((a) => a.id),
    );
    await put(
      officer,
      {
        entries: byArea['Bridlington South'].slice(0, 2).map(entry),
      },
      shortlistPath('Bridlington South'),
    );

    const read = await finance.get(staff(`/rounds/${round.id}/shortlists`));
    expect(read.status).toBe(200);
    expect(read.json().areas).toMatchObject([
      { areaName: 'Winterton', size: 3, ballot: null },
      { areaName: 'Bridlington South', size: 3, ballot: null },
    ]);
    expect(read.json().areas[0].candidates).toHaveLength(4);
  });

  it('sets up and schedules a ballot (officers only), times as ISO with an offset', async () => {
    const path = (name: string) => staff(`/rounds/${round.id}/areas/${area(name)}/ballot`);
    expect((await finance.request('PUT', path('Winterton'), { json: settings() })).status).toBe(
      403,
    );
    const badTime = await officer.request('PUT', path('Winterton'), {
      json: { ...settings(), opensAt: '2 May 2023' },
    });
    expect(badTime.status).toBe(422);
    expect(badTime.json().errors[0].field).toBe('opensAt');
    const badAreas = await officer.request('PUT', path('Winterton'), {
      json: { ...settings(), postcodeAreas: 'Winterton', postcodeFlagThreshold: 0 },
    });
    expect(badAreas.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'postcodeAreas',
      'postcodeFlagThreshold',
    ]);

    const saved = await officer.request('PUT', path('Winterton'), { json: settings() });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({
      status: 'draft',
      areaName: 'Winterton',
      postcodeAreas: ['DN15 9'],
      postcodeFlagThreshold: 1,
      votingRule: { name: 'single-choice' },
      tieBreakRule: { name: 'decision-maker' },
    });
    ballotId = saved.json().id;
    draftBallotId = (
      await officer.request('PUT', path('Bridlington South'), { json: settings() })
    ).json().id;

    expect((await finance.post(staff(`/ballots/${ballotId}/schedule`))).status).toBe(403);
    expect((await officer.post(staff(`/ballots/not-a-ballot/schedule`))).status).toBe(404);
    const scheduled = await officer.post(staff(`/ballots/${ballotId}/schedule`));
    expect(scheduled.status).toBe(200);
    expect(scheduled.json().status).toBe('scheduled');
    const again = await officer.post(staff(`/ballots/${ballotId}/schedule`));
    expect(again.status).toBe(409);
    expect(again.json().code).toBe('invalid_transition');
  });

  it('shows the public a ballot before it opens, not a draft, and takes no codes yet', async () => {
    const shown = await anonymous.get(`/api/v1/ballots/${ballotId}`);
    expect(shown.status).toBe(200);
    expect(shown.json()).toMatchObject({ status: 'scheduled', areaName: 'Winterton' });
    expect(shown.json()).not.toHaveProperty('postcodeFlagThreshold');
    for (const id of [draftBallotId, NO_SUCH_ID, 'not-a-ballot'])
      expect((await anonymous.get(`/api/v1/ballots/${id}`)).status).toBe(404);
    const early = await anonymous.post(`/api/v1/ballots/${ballotId}/voter-codes`, {
      email: 'early@example.org',
      postcode: 'DN15 9AB',
    });
    expect(early.status).toBe(409);
    expect(early.json().code).toBe('ballot_not_open');
    const listed = await anonymous.get('/api/v1/ballots');
    expect(listed.json().map((b: { id: string }) => b.id)).not.toContain(ballotId);
  });

  it('verifies residents and takes one vote each', async () => {
    await openBallotNow(ctx, ballotId);
    const listed = await anonymous.get('/api/v1/ballots');
    expect(listed.json()).toEqual([expect.objectContaining({ id: ballotId, status: 'open' })]);

    const codes = `/api/v1/ballots/${ballotId}/voter-codes`;
    const outside = await anonymous.post(codes, { email: 'sam@example.org', postcode: 'YO15 2AB' });
    expect(outside.status).toBe(422);
    expect(outside.json().errors[0].field).toBe('postcode');
    const disposable = await anonymous.post(codes, {
      email: 'sam@mailinator.com',
      postcode: 'DN15 9AB',
    });
    expect(disposable.json().errors[0].field).toBe('email');
    expect((await anonymous.post(codes, { email: 'sam@example.org' })).status).toBe(422);
    expect(
      (await anonymous.post(codes, { email: 'sam@example.org', postcode: 'DN15 9AB', x: 1 }))
        .status,
    ).toBe(422);
    expect(
      (await anonymous.post(`/api/v1/ballots/not-a-ballot/voter-codes`, { email: 'a@b.org' }))
        .status,
    ).toBe(422); // the body is checked before the route's own code runs
    expect(
      (
        await anonymous.post(`/api/v1/ballots/${NO_SUCH_ID}/voter-codes`, {
          email: 'sam@example.org',
          postcode: 'DN15 9AB',
        })
      ).status,
    ).toBe(404);

    const { verificationId, code } = await askForCode(' Sam@Example.org ', 'dn159ab');
    const verify = `${codes}/${verificationId}/verify`;
    const wrong = await anonymous.post(verify, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.json().code).toBe('voter_code_wrong');
    expect((await anonymous.post(verify, { code: 'abc' })).json().errors[0].field).toBe('code');
    const elsewhere = await anonymous.post(
      `/api/v1/ballots/${draftBallotId}/voter-codes/${verificationId}/verify`,
      { code },
    );
    expect(elsewhere.status).toBe(404);
    const verified = await anonymous.post(verify, { code });
    expect(verified.status).toBe(200);
    expect(verified.json().token).toMatch(/^vt\./);
    expect((await anonymous.post(verify, { code })).json().code).toBe('voter_code_used');
    const sam = as(verified.json().token);

    expect((await anonymous.get(`/api/v1/ballots/${ballotId}/shortlist`)).status).toBe(401);
    const shortlist = await sam.get(`/api/v1/ballots/${ballotId}/shortlist`);
    expect(shortlist.status).toBe(200);
    expect(shortlist.json()).toMatchObject({ areaName: 'Winterton', hasVoted: false });
    expect(shortlist.json().entries).toHaveLength(3);
    expect((await sam.get(`/api/v1/ballots/${draftBallotId}/shortlist`)).status).toBe(401);

    const votes = `/api/v1/ballots/${ballotId}/votes`;
    const w = byArea['Winterton'];
    const notOnBallot = await sam.post(votes, { applicationId: byArea['Bridlington South'][0].id });
    expect(notOnBallot.status).toBe(422);
    expect(notOnBallot.json().errors[0].field).toBe('choice');
    expect((await sam.post(votes, { applicationId: w[0].id, extra: 1 })).status).toBe(422);
    expect((await sam.post(votes, {})).status).toBe(422);
    expect((await anonymous.post(votes, { applicationId: w[0].id })).status).toBe(401);
    expect(
      (await sam.post(`/api/v1/ballots/not-a-ballot/votes`, { applicationId: w[0].id })).status,
    ).toBe(404);
    // Sam's token is for Winterton: another ballot's address takes no vote from it (that ballot
    // is not open, which is said first; an open one would answer that there is no session).
    const otherBallot = await sam.post(`/api/v1/ballots/${draftBallotId}/votes`, {
      applicationId: w[0].id,
    });
    expect(otherBallot.status).toBe(409);
    expect(otherBallot.json().code).toBe('ballot_not_open');

    const cast = await sam.post(votes, { applicationId: w[0].id });
    expect(cast.status).toBe(201);
    expect(cast.json()).toMatchObject({
      receiptCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      applicationId: w[0].id,
    });
    const twice = await sam.post(votes, { applicationId: w[1].id });
    expect(twice.status).toBe(409);
    expect(twice.json().code).toBe('already_voted');
    expect((await sam.get(`/api/v1/ballots/${ballotId}/shortlist`)).json().hasVoted).toBe(true);

    // Two more residents of the same postcode: past the threshold of 1, so flagged for review.
    expect(
      (await (await voter('alex@example.org')).post(votes, { applicationId: w[1].id })).status,
    ).toBe(201);
    expect(
      (await (await voter('jo@example.org')).post(votes, { applicationId: w[0].id })).status,
    ).toBe(201);
  });

  it('keeps the count for staff until the result is published', async () => {
    for (const path of ['results', 'votes.csv'])
      expect((await anonymous.get(`/api/v1/ballots/${ballotId}/${path}`)).status).toBe(404);
    expect((await assessor.get(staff(`/ballots/${ballotId}/count`))).status).toBe(403);
    const count = await finance.get(staff(`/ballots/${ballotId}/count`));
    expect(count.status).toBe(200);
    expect(count.json()).toMatchObject({ totalVotes: 3, voidedVotes: 0, status: 'open' });
    const turnout = await finance.get(staff(`/rounds/${round.id}/turnout`));
    expect(turnout.json()).toEqual([
      expect.objectContaining({ ballotId, votes: 3, verifiedVoters: 3 }),
      expect.objectContaining({ ballotId: draftBallotId, votes: 0 }),
    ]);
    expect((await finance.get(staff(`/rounds/not-a-round/turnout`))).status).toBe(404);
    const flagged = await finance.get(staff(`/ballots/${ballotId}/flagged-postcodes`));
    expect(flagged.json()).toEqual([
      expect.objectContaining({ postcode: 'DN15 9AB', votes: 3, voided: 0 }),
    ]);
    expect((await finance.get(staff(`/ballots/${ballotId}/votes?postcode=nowhere`))).status).toBe(
      422,
    );
    expect((await finance.get(staff(`/ballots/${ballotId}/votes?colour=red`))).status).toBe(422);
    expect((await finance.get(staff(`/ballots/${NO_SUCH_ID}/votes.csv`))).status).toBe(404);
    const fromPostcode = await finance.get(staff(`/ballots/${ballotId}/votes?postcode=dn159ab`));
    expect(fromPostcode.json()).toHaveLength(3);
    const csv = await finance.get(staff(`/ballots/${ballotId}/votes.csv`));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.trim().split('\n')).toHaveLength(4);

    // The third vote (Jo's, for the first project) is voided: a tie, 1 each.
    const jos = fromPostcode.json()[2];
    const voidPath = staff(`/votes/${jos.id}/void`);
    expect((await finance.post(voidPath, { reason: 'Duplicate household' })).status).toBe(403);
    expect((await officer.post(voidPath, { reason: '  ' })).json().errors[0].field).toBe('reason');
    expect((await officer.post(voidPath, {})).status).toBe(422);
    for (const id of ['not-a-vote', NO_SUCH_ID])
      expect((await officer.post(staff(`/votes/${id}/void`), { reason: 'x' })).status).toBe(404);
    const voided = await officer.post(voidPath, { reason: 'Duplicate household' });
    expect(voided.status).toBe(200);
    expect(voided.json()).toMatchObject({
      id: jos.id,
      ballotId,
      voidReason: 'Duplicate household',
    });
    const after = (await finance.get(staff(`/ballots/${ballotId}/count`))).json();
    expect(after).toMatchObject({ totalVotes: 2, voidedVotes: 1 });
    expect(after.leaders).toHaveLength(2);
  });

  it('publishes after close; a tie is broken only by the decision maker', async () => {
    const publish = staff(`/ballots/${ballotId}/publish`);
    const early = await officer.post(publish);
    expect(early.status).toBe(409);
    await closeBallotNow(ctx, ballotId);

    const w = byArea['Winterton'];
    const tie = await officer.post(publish);
    expect(tie.status).toBe(422);
    expect(tie.json().errors[0].field).toBe('winnerApplicationId');
    const officerBreaks = await officer.post(publish, {
      winnerApplicationId: w[1].id,
      note: 'Reaches more young people',
    });
    expect(officerBreaks.status).toBe(403);
    expect(officerBreaks.json().code).toBe('tie_break_decision_maker_only');
    expect((await finance.post(publish)).status).toBe(403);
    const notTied = await decider.post(publish, { winnerApplicationId: w[2].id, note: 'x' });
    expect(notTied.json().errors[0].field).toBe('winnerApplicationId');
    const noNote = await decider.post(publish, { winnerApplicationId: w[1].id });
    expect(noNote.json().errors[0].field).toBe('note');
    expect((await decider.post(publish, { winnerApplicationId: w[1].id, note: 7 })).status).toBe(
      422,
    );

    const published = await decider.post(publish, {
      winnerApplicationId: w[1].id,
      note: 'Reaches more young people',
    });
    expect(published.status).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      winnerApplicationId: w[1].id,
      tieBreakNote: 'Reaches more young people',
    });
    expect((await decider.post(publish)).status).toBe(409);

    const results = await anonymous.get(`/api/v1/ballots/${ballotId}/results`);
    expect(results.status).toBe(200);
    expect(results.json()).toMatchObject({
      totalVotes: 2,
      voidedVotes: 1,
      winnerApplicationId: w[1].id,
    });
    const publicCsv = await anonymous.get(`/api/v1/ballots/${ballotId}/votes.csv`);
    expect(publicCsv.status).toBe(200);
    const rows = publicCsv.text.trim().split('\n');
    expect(rows[0]).toBe('receipt_hash,area,choice_reference,choice,cast_at_utc,voided');
    expect(rows.filter((r) => r.endsWith(',no'))).toHaveLength(2);
    const counted = await ctx.get(TallyService).count(ballotId);
    expect(counted.totalVotes).toBe(2);
    expect((await anonymous.get('/api/v1/ballots')).json()).toEqual([
      expect.objectContaining({ id: ballotId, status: 'published' }),
    ]);
  });
});
