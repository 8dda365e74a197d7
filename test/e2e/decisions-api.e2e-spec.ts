import { Application } from '@grants/applications';
import { RecommendationService } from '@grants/assessment';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { jest } from '@jest/globals';
import { newApplicantEmail } from '../factories/applicant-api.factory';
import { createOpenRound, lastSignInCode } from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createScoredRound } from '../factories/scored-round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

/** One assessor's score on every criterion: 4 of 5 is 80%, 3 is 60%, 2 is 40%. */
const SCORES = [4, 4, 4, 3, 2];
const REQUESTED = 1_500_000;
const NO_SUCH_ROUND = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';

/**
 * The decisions JSON API end to end: five £15,000 applications scored 80, 80, 80, 60 and 40%
 * against £50,000, so three are recommended. The decision maker approves one, amends one and
 * declines one, signs off; an officer publishes the record, which the public can then read.
 */
describe('decisions API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let apps: Application[];
  let officer: HttpClient;
  let decider: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  let applicant: HttpClient;
  let anonymous: HttpClient;
  let recordNumber: string;
  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);
  const decision = (roundId = round.id) => `/api/v1/staff/rounds/${roundId}/decision`;
  const approve = (app: Application) => `${decision()}/applications/${app.id}/approve`;
  const decline = (app: Application) => `${decision()}/applications/${app.id}/decline`;
  const feedback = (app: Application, roundId = round.id) =>
    `/api/v1/staff/rounds/${roundId}/recommendation/applications/${app.id}/feedback`;
  const publishScores = (roundId = round.id) =>
    `/api/v1/staff/rounds/${roundId}/assessment/publish-scores`;
  const SIGN_OFF = {
    title: 'Diversion from ASB and Crime: grant awards',
    summary: 'Two projects diverting young people from anti-social behaviour are funded.',
    declarations: 'None',
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    const applicantEmail = newApplicantEmail('owner');
    const scored = await createScoredRound(ctx, {
      code: 'DIV',
      title: 'Diversion from ASB and Crime',
      budgetPence: 5_000_000,
      applicantEmail,
      projects: SCORES.map((score, i) => ({ projectTitle: `Diversion project ${i + 1}`, score })),
    });
    ({ round, apps } = scored);
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    const token = async (role: Parameters<typeof createStaff>[1]) =>
      bearerFor(server.baseUrl, (await createStaff(ctx, role)).email);
    officer = as(await token('grants-officer'));
    decider = as(await token('decision-maker'));
    finance = as(await token('finance'));
    assessor = as(await bearerFor(server.baseUrl, scored.assessor.email));
    anonymous = as();
    const asked = await anonymous.post('/api/v1/auth/email-code', { email: applicantEmail });
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code: await lastSignInCode(ctx.dataSource, applicantEmail),
    });
    applicant = as(verified.json().token as string);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lets officers write feedback for an applicant, with coded 4xx for bad input', async () => {
    const text = 'Say how you will measure fewer reports of anti-social behaviour.';
    const set = await officer.request('PUT', feedback(apps[3]), { json: { feedback: text } });
    expect(set.status).toBe(200);
    expect(set.json()).toEqual({ applicationId: apps[3].id, feedback: text });

    const cleared = await officer.request('PUT', feedback(apps[4]), { json: { feedback: '  ' } });
    expect(cleared.json()).toEqual({ applicationId: apps[4].id, feedback: null });

    const tooLong = await officer.request('PUT', feedback(apps[3]), {
      json: { feedback: 'x'.repeat(5001) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'feedback' }],
    });
    const notText = await officer.request('PUT', feedback(apps[3]), { json: { feedback: 7 } });
    expect(notText.status).toBe(422);
    const extra = await officer.request('PUT', feedback(apps[3]), {
      json: { feedback: text, score: 90 },
    });
    expect(extra.status).toBe(422);
    expect(extra.json().code).toBe('validation_failed');

    const elsewhere = { ...apps[3], id: NO_SUCH_ROUND } as Application;
    for (const path of [
      feedback(elsewhere),
      feedback(apps[3], NO_SUCH_ROUND),
      feedback(apps[3], 'not-a-round'),
      `/api/v1/staff/rounds/${round.id}/recommendation/applications/not-an-id/feedback`,
    ]) {
      const res = await officer.request('PUT', path, { json: { feedback: text } });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    for (const client of [decider, finance, assessor]) {
      const res = await client.request('PUT', feedback(apps[3]), { json: { feedback: text } });
      expect(res.status).toBe(403);
    }
    for (const client of [applicant, anonymous]) {
      const res = await client.request('PUT', feedback(apps[3]), { json: { feedback: text } });
      expect(res.status).toBe(401);
    }
  });

  it('lets officers choose whether notices tell applicants their score', async () => {
    const on = await officer.request('PUT', publishScores(), { json: { publishScores: true } });
    expect(on.status).toBe(200);
    expect(on.json()).toEqual({ roundId: round.id, publishScores: true });
    expect(
      (await officer.request('PUT', publishScores(), { json: { publishScores: 'yes' } })).status,
    ).toBe(422);
    expect((await officer.request('PUT', publishScores(), { json: {} })).status).toBe(422);
    for (const id of [NO_SUCH_ROUND, 'not-a-round'])
      expect(
        (await officer.request('PUT', publishScores(id), { json: { publishScores: true } })).status,
      ).toBe(404);
    expect(
      (await decider.request('PUT', publishScores(), { json: { publishScores: false } })).status,
    ).toBe(403);
    expect(
      (await anonymous.request('PUT', publishScores(), { json: { publishScores: false } })).status,
    ).toBe(401);
  });

  it('has nothing to decide until the recommendation is sent', async () => {
    const waiting = await finance.get(decision());
    expect(waiting.status).toBe(200);
    expect(waiting.json()).toMatchObject({ status: 'awaiting', rows: [], record: null });
    const early = await decider.post(approve(apps[0]), {});
    expect(early.status).toBe(409);
    expect(early.json().code).toBe('no_recommendation');

    await ctx.get(RecommendationService).submit(round.id, SYSTEM_ACTOR);
    const open = await decider.get(decision());
    expect(open.status).toBe(200);
    const body = open.json();
    expect(body).toMatchObject({
      roundId: round.id,
      status: 'open',
      thresholdBp: 7000,
      budget: { budgetPence: 5_000_000, committedPence: 0, availablePence: 5_000_000 },
      approvedCount: 0,
      undecidedCount: 3,
      record: null,
    });
    expect(new Date(body.submittedAt).toISOString()).toBe(body.submittedAt);
    expect(
      body.rows.map((r: { reference: string; percentage: string; recommended: boolean }) => [
        r.reference,
        r.percentage,
        r.recommended,
      ]),
    ).toEqual([
      [apps[0].reference, '80.00', true],
      [apps[1].reference, '80.00', true],
      [apps[2].reference, '80.00', true],
      [apps[3].reference, '60.00', false],
      [apps[4].reference, '40.00', false],
    ]);
    expect(body.rows[3]).toMatchObject({
      amountRequestedPence: REQUESTED,
      decision: null,
      feedback: 'Say how you will measure fewer reports of anti-social behaviour.',
    });
  });

  it('keeps deciding to the decision maker; the office reads, others are refused', async () => {
    for (const client of [officer, finance, assessor]) {
      expect((await client.post(approve(apps[0]), {})).status).toBe(403);
      expect((await client.post(decline(apps[0]), { reason: 'No' })).status).toBe(403);
      expect((await client.post(`${decision()}/sign-off`, SIGN_OFF)).status).toBe(403);
    }
    expect((await assessor.get(decision())).status).toBe(403);
    for (const client of [applicant, anonymous]) {
      expect((await client.get(decision())).status).toBe(401);
      expect((await client.post(approve(apps[0]), {})).status).toBe(401);
      expect((await client.post(`${decision()}/publish`, {})).status).toBe(401);
    }
    expect((await officer.get(decision())).status).toBe(200);
    expect((await finance.get(decision())).status).toBe(200);
  });

  it('refuses bad approvals and declines with coded 4xx, writing nothing', async () => {
    const refused = async (path: string, json: unknown, status: number, field?: string) => {
      const res = await decider.post(path, json);
      expect({ path, json, status: res.status }).toEqual({ path, json, status });
      if (field) expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
      return res.json();
    };
    const above = await refused(
      approve(apps[0]),
      { amountPence: REQUESTED + 1 },
      422,
      'amountPence',
    );
    expect(above.errors[0].message).toBe(
      'The amount can be reduced from the £15,000.00 requested, not increased',
    );
    await refused(approve(apps[0]), { amountPence: 1_000_000 }, 422, 'amountReason');
    await refused(
      approve(apps[0]),
      { amountPence: 1_000_000, amountReason: '  ' },
      422,
      'amountReason',
    );
    await refused(approve(apps[0]), { amountPence: 0 }, 422, 'amountPence');
    await refused(approve(apps[0]), { amountPence: 1500.5 }, 422, 'amountPence');
    await refused(approve(apps[0]), { amountPence: '1500000' }, 422, 'amountPence');
    await refused(approve(apps[0]), { amountPence: null }, 422, 'amountPence');
    await refused(approve(apps[0]), { amountPence: REQUESTED, approved: true }, 422);
    // No body at all, or not JSON: the missing reason is named.
    for (const headers of [{}, { 'content-type': 'text/plain' }] as Record<string, string>[]) {
      const res = await decider.request('POST', decline(apps[0]), { headers });
      expect(res.status).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'reason', message: 'reason must be text' }]);
    }
    const wrongType = await decider.post(approve(apps[0]), { amountPence: '1500000' });
    expect(wrongType.json().errors[0].message).toBe('amountPence must be a whole number of pence');
    await refused(decline(apps[0]), {}, 422, 'reason');
    await refused(decline(apps[0]), { reason: '   ' }, 422, 'reason');
    await refused(decline(apps[0]), { reason: 'x'.repeat(2001) }, 422, 'reason');
    // Not recommended (reserve): only the recommendation is decided.
    expect((await refused(approve(apps[3]), {}, 422)).code).toBe('not_recommended');
    expect((await refused(decline(apps[4]), { reason: 'Low score' }, 422)).code).toBe(
      'not_recommended',
    );
    await refused(`${decision()}/applications/${NO_SUCH_ROUND}/approve`, {}, 422);
    await refused(`${decision()}/applications/not-an-id/approve`, {}, 404);
    await refused(`${decision(NO_SUCH_ROUND)}/applications/${apps[0].id}/approve`, {}, 404);
    await refused(
      `${decision('not-a-round')}/applications/${apps[0].id}/decline`,
      { reason: 'x' },
      404,
    );
    expect((await decider.get(decision('not-a-round'))).status).toBe(404);
    expect((await decider.get(decision(NO_SUCH_ROUND))).status).toBe(404);

    const unchanged = (await decider.get(decision())).json();
    expect(unchanged).toMatchObject({ approvedCount: 0, declinedCount: 0, undecidedCount: 3 });
    expect(unchanged.budget.committedPence).toBe(0);
  });

  it('approves, and refuses sign-off while recommended applications are undecided', async () => {
    const approved = await decider.post(approve(apps[0]), {});
    expect(approved.status).toBe(200);
    const body = approved.json();
    expect(body.rows[0].decision).toMatchObject({
      outcome: 'approved',
      amountPence: REQUESTED,
      amountReason: null,
      reason: null,
    });
    expect(new Date(body.rows[0].decision.decidedAt).toISOString()).toBe(
      body.rows[0].decision.decidedAt,
    );
    expect(body).toMatchObject({
      approvedCount: 1,
      approvedPence: REQUESTED,
      undecidedCount: 2,
      budget: { budgetPence: 5_000_000, committedPence: REQUESTED, availablePence: 3_500_000 },
    });

    const early = await decider.post(`${decision()}/sign-off`, SIGN_OFF);
    expect(early.status).toBe(422);
    expect(early.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'decisions' }],
    });
    const message: string = early.json().errors[0].message;
    expect(message).toContain(apps[1].reference!);
    expect(message).toContain(apps[2].reference!);
    expect(message).not.toContain(apps[0].reference!);

    const blank = await decider.post(`${decision()}/sign-off`, { ...SIGN_OFF, title: ' ' });
    expect(blank.status).toBe(422);
    expect(blank.json().errors.map((e: { field: string }) => e.field)).toContain('title');
    const missing = await decider.post(`${decision()}/sign-off`, { title: 'Awards' });
    expect(missing.status).toBe(422);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['declarations', 'summary']);
  });

  it('amends an amount with a reason and declines with one', async () => {
    const amended = await decider.post(approve(apps[1]), {
      amountPence: 1_200_000,
      amountReason: 'Pitch hire is already funded by the council',
    });
    expect(amended.status).toBe(200);
    expect(amended.json().rows[1].decision).toMatchObject({
      outcome: 'approved',
      amountPence: 1_200_000,
      amountReason: 'Pitch hire is already funded by the council',
    });
    const declined = await decider.post(decline(apps[2]), {
      reason: 'Duplicates provision the Violence Reduction Network funds',
    });
    expect(declined.status).toBe(200);
    expect(declined.json()).toMatchObject({
      approvedCount: 2,
      approvedPence: 2_700_000,
      declinedCount: 1,
      undecidedCount: 0,
      budget: { committedPence: 2_700_000, availablePence: 2_300_000 },
    });
    expect(declined.json().rows[2].decision).toMatchObject({
      outcome: 'declined',
      amountPence: null,
      reason: 'Duplicates provision the Violence Reduction Network funds',
    });
  });

  it('signs off into a numbered record; after that nothing changes (409)', async () => {
    const signed = await decider.post(`${decision()}/sign-off`, SIGN_OFF);
    expect(signed.status).toBe(200);
    const record = signed.json();
    expect(record.number).toMatch(/^DR-\d{4}-\d{3}$/);
    recordNumber = record.number;
    expect(record).toMatchObject({
      roundId: round.id,
      ...SIGN_OFF,
      budgetPence: 5_000_000,
      totalAwardedPence: 2_700_000,
      awardsCount: 2,
      declinedCount: 3,
      publishedAt: null,
      awards: [
        { reference: apps[0].reference, amountPence: REQUESTED },
        { reference: apps[1].reference, amountPence: 1_200_000 },
      ],
    });
    expect(new Date(record.signedOffAt).toISOString()).toBe(record.signedOffAt);

    for (const [path, json] of [
      [approve(apps[0]), { amountPence: 1_000_000, amountReason: 'Second thoughts' }],
      [approve(apps[2]), {}],
      [decline(apps[0]), { reason: 'Second thoughts' }],
      [`${decision()}/sign-off`, SIGN_OFF],
    ] as const) {
      const res = await decider.post(path, json);
      expect({ path, status: res.status, code: res.json().code }).toEqual({
        path,
        status: 409,
        code: 'decision_signed_off',
      });
    }
    const view = (await officer.get(decision())).json();
    expect(view).toMatchObject({
      status: 'signed-off',
      record: { number: recordNumber, publishedAt: null },
    });
    // The decision is made: the applicant's feedback went with it and can no longer change.
    const late = await officer.request('PUT', feedback(apps[3]), { json: { feedback: 'Later' } });
    expect(late.status).toBe(409);
    expect(late.json().code).toBe('feedback_closed');
    // The round published scores, so the decline notice carries the score.
    const [notice]: { body: string }[] = await ctx.dataSource.query(
      `SELECT body FROM application_messages WHERE application_id = $1 AND kind = 'unsuccessful'`,
      [apps[3].id],
    );
    expect(notice.body).toContain('Say how you will measure fewer reports');
    expect(notice.body).toContain('scored 60.00%');
  });

  it('keeps an unpublished record from the public, then publishes it', async () => {
    expect((await anonymous.get(`/api/v1/decision-records/${recordNumber}`)).status).toBe(404);
    const before = await anonymous.get('/api/v1/decision-records');
    expect(before.status).toBe(200);
    expect(before.json().records.map((r: { number: string }) => r.number)).not.toContain(
      recordNumber,
    );
    for (const client of [finance, assessor])
      expect((await client.post(`${decision()}/publish`, {})).status).toBe(403);
    expect((await officer.post(`${decision(NO_SUCH_ROUND)}/publish`, {})).status).toBe(404);
    expect((await officer.post(`${decision('not-a-round')}/publish`, {})).status).toBe(404);

    const published = await officer.post(`${decision()}/publish`, {});
    expect(published.status).toBe(200);
    const publishedAt: string = published.json().publishedAt;
    expect(new Date(publishedAt).toISOString()).toBe(publishedAt);
    // Publishing again (here by the decision maker) changes nothing.
    const again = await decider.post(`${decision()}/publish`, {});
    expect(again.status).toBe(200);
    expect(again.json().publishedAt).toBe(publishedAt);

    const list = await anonymous.get('/api/v1/decision-records');
    expect(list.json().records.map((r: { number: string }) => r.number)).toContain(recordNumber);
    const open = await anonymous.get(`/api/v1/decision-records/${recordNumber}`);
    expect(open.status).toBe(200);
    expect(open.json()).toMatchObject({
      number: recordNumber,
      title: SIGN_OFF.title,
      roundTitle: round.title,
      fundName: CSF.name,
      totalAwardedPence: 2_700_000,
      publishedAt,
      awards: [
        {
          reference: apps[0].reference,
          projectTitle: 'Diversion project 1',
          amountPence: REQUESTED,
        },
        {
          reference: apps[1].reference,
          projectTitle: 'Diversion project 2',
          amountPence: 1_200_000,
        },
      ],
    });
    expect((await anonymous.get('/api/v1/decision-records/DR-1999-001')).status).toBe(404);
    expect((await anonymous.get('/api/v1/decision-records/not%20a%20number')).status).toBe(404);
  });

  it('answers publish before sign-off with a coded 409', async () => {
    const other = await createOpenRound(ctx, CSF.slug, { code: 'YTH', title: 'Youth Diversion' });
    const res = await officer.post(`${decision(other.id)}/publish`, {});
    expect(res.status).toBe(409);
    expect(res.json().code).toBe('not_signed_off');
    expect((await decider.get(decision(other.id))).json().status).toBe('awaiting');
  });

  it('describes every decision route in the OpenAPI document', async () => {
    const doc = (await anonymous.get('/api/docs-json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/staff/rounds/{roundId}/decision',
        '/api/v1/staff/rounds/{roundId}/decision/applications/{applicationId}/approve',
        '/api/v1/staff/rounds/{roundId}/decision/applications/{applicationId}/decline',
        '/api/v1/staff/rounds/{roundId}/decision/sign-off',
        '/api/v1/staff/rounds/{roundId}/decision/publish',
        '/api/v1/staff/rounds/{roundId}/recommendation/applications/{applicationId}/feedback',
        '/api/v1/staff/rounds/{roundId}/assessment/publish-scores',
        '/api/v1/decision-records',
        '/api/v1/decision-records/{number}',
      ]),
    );
    for (const schema of ['DecisionPackageDto', 'DecisionRecordDto', 'ApproveInputDto'])
      expect(doc.components.schemas[schema]).toBeDefined();
    // The public record routes need no token.
    expect(doc.paths['/api/v1/decision-records'].get.security).toBeUndefined();
  });
});
