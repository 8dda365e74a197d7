import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { DEFAULT_RUBRIC } from '@grants/assessment';
import { AuditEvent } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

interface Criterion {
  id: string;
  title: string;
  maxScore: number;
  weight: number;
}
interface Assignment {
  id: string;
  status: string;
  applicationId: string;
  assessor?: { id: string };
}

/**
 * The assessment JSON API end to end, on a small Diversion round of four eligible
 * applications: the rubric, assignments, an assessor's declare-open-save-submit flow, an
 * officer's reopening, and the scores overview with its bands.
 */
describe('assessment API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let applications: Application[];
  let officer: HttpClient;
  let financeClient: HttpClient;
  let assessors: StaffUser[];
  let officerUser: StaffUser;
  let assessorClients: HttpClient[];
  let criteria: Criterion[];
  const rubricPath = () => `/api/v1/staff/rounds/${round.id}/rubric`;
  const client = (token: string) => new HttpClient(server.baseUrl).withBearer(token);
  const allScores = (n: number, comment = `Scored ${n}`) =>
    criteria.map((c) => ({ criterionId: c.id, score: n, comment }));

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer();
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const applicant = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, applicant);
    const appraiser = { type: 'staff' as const, id: null, label: 'officer@opcc.test' };
    applications = [];
    for (const title of [
      'Friday night football in Braunstone',
      'Boxing club for young people in Beaumont Leys',
      'Detached youth work in Loughborough',
      'Street dance in Saffron Lane',
    ]) {
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, {
        projectTitle: title,
      });
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      applications.push(
        await ctx
          .get(AppraisalService)
          .appraise(
            draft.id,
            { confirmed: round.appraisalChecklist, outcome: 'eligible' },
            appraiser,
          ),
      );
    }
    officerUser = await createStaff(ctx, 'grants-officer');
    const finance = await createStaff(ctx, 'finance');
    assessors = [await createStaff(ctx, 'assessor'), await createStaff(ctx, 'assessor')];
    officer = client(await bearerFor(server.baseUrl, officerUser.email));
    financeClient = client(await bearerFor(server.baseUrl, finance.email));
    assessorClients = [];
    for (const a of assessors)
      assessorClients.push(client(await bearerFor(server.baseUrl, a.email)));
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('sets the rubric: weights must add up to 100%, and bad input gets coded 422s', async () => {
    const empty = await officer.get(rubricPath());
    expect(empty.status).toBe(200);
    expect(empty.json()).toMatchObject({ roundId: round.id, criteria: [], frozen: false });

    const ninety = await officer.request('PUT', rubricPath(), {
      json: { criteria: [{ title: 'Need and evidence', guidance: '', maxScore: 5, weight: 90 }] },
    });
    expect(ninety.status).toBe(422);
    expect(ninety.json()).toMatchObject({
      code: 'validation_failed',
      errors: [
        { field: 'criteria', message: 'The weights add up to 90%: they must add up to 100%' },
      ],
    });

    const badTypes = await officer.request('PUT', rubricPath(), {
      json: {
        criteria: [{ title: 'Need', guidance: '', maxScore: '5', weight: 2.5, colour: 'red' }],
      },
    });
    expect(badTypes.status).toBe(422);
    expect(badTypes.json().code).toBe('validation_failed');
    const notAList = await officer.request('PUT', rubricPath(), { json: { criteria: 'all' } });
    expect(notAList.status).toBe(422);
    const tooLong = await officer.request('PUT', rubricPath(), {
      json: { criteria: [{ title: 'x'.repeat(121), guidance: '', maxScore: 5, weight: 100 }] },
    });
    expect(tooLong.status).toBe(422);

    const set = await officer.request('PUT', rubricPath(), { json: { criteria: DEFAULT_RUBRIC } });
    expect(set.status).toBe(200);
    criteria = set.json().criteria;
    expect(criteria.map((c) => [c.title, c.weight, c.maxScore])).toEqual(
      DEFAULT_RUBRIC.map((c) => [c.title, c.weight, c.maxScore]),
    );
    expect(set.json()).toMatchObject({ frozen: false, moderationSpreadBp: 2000 });
    // Assessors read the criteria they score against.
    expect((await assessorClients[0].get(rubricPath())).json().criteria).toEqual(criteria);
    // A round id that is not a uuid, or no round: 404, never 500.
    expect((await officer.get('/api/v1/staff/rounds/not-a-round/rubric')).status).toBe(404);
    expect(
      (await officer.get('/api/v1/staff/rounds/6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c/rubric'))
        .status,
    ).toBe(404);
  });

  it('assigns by hand and spreads evenly; scoring starting freezes the rubric (409)', async () => {
    const [a, b] = assessors.map((s) => s.id);
    const byHand = await officer.post(
      `/api/v1/staff/applications/${applications[0].id}/assignments`,
      {
        assessorIds: [a],
      },
    );
    expect(byHand.status).toBe(200);
    expect(byHand.json().assignments).toMatchObject([
      { status: 'awaiting-declaration', assessor: { id: a }, conflictNote: null },
    ]);
    // Only assessors can be assigned; bad ids and empty lists are refused with a code.
    const officerId = officerUser.id;
    for (const assessorIds of [[officerId], ['not-an-id'], [], 'all']) {
      const res = await officer.post(
        `/api/v1/staff/applications/${applications[1].id}/assignments`,
        { assessorIds },
      );
      expect({ assessorIds, status: res.status, code: res.json().code }).toEqual({
        assessorIds,
        status: 422,
        code: 'validation_failed',
      });
    }
    expect(
      (await officer.post('/api/v1/staff/applications/nope/assignments', { assessorIds: [a] }))
        .status,
    ).toBe(404);

    const spreadPath = `/api/v1/staff/rounds/${round.id}/assignments/spread`;
    expect(
      (await officer.post(spreadPath, { perApplication: 3, assessorIds: [a, b] })).status,
    ).toBe(422);
    expect(
      (await officer.post(spreadPath, { perApplication: 1.5, assessorIds: [a, b] })).json().code,
    ).toBe('validation_failed');
    const spread = await officer.post(spreadPath, { perApplication: 2, assessorIds: [a, b] });
    expect(spread.status).toBe(200);
    // The first application already had one of its two.
    expect(spread.json()).toEqual({ made: 7 });
    expect(
      (await officer.post(spreadPath, { perApplication: 2, assessorIds: [a, b] })).json(),
    ).toEqual({ made: 0 });

    const listed = await officer.get(`/api/v1/staff/rounds/${round.id}/assignments`);
    expect(listed.status).toBe(200);
    const all = listed.json().assignments as Assignment[];
    expect(all).toHaveLength(8);
    expect(all.filter((x) => x.assessor!.id === a)).toHaveLength(4);

    const frozen = await officer.request('PUT', rubricPath(), {
      json: { criteria: DEFAULT_RUBRIC },
    });
    expect(frozen.status).toBe(409);
    expect(frozen.json().code).toBe('rubric_frozen');
    expect((await officer.get(rubricPath())).json().frozen).toBe(true);
  });

  it('takes an assessor through declare, open, save and submit; submitted scores are locked', async () => {
    const me = assessorClients[0];
    const mine = (await me.get('/api/v1/assessor/assignments')).json().assignments as Assignment[];
    expect(mine).toHaveLength(4);
    const first = mine.find((x) => x.applicationId === applications[0].id)!;
    expect(first).toMatchObject({
      status: 'awaiting-declaration',
      application: {
        reference: applications[0].reference,
        projectTitle: 'Friday night football in Braunstone',
        roundTitle: 'Diversion from ASB and Crime',
      },
    });
    const path = `/api/v1/assessor/assignments/${first.id}`;

    expect((await me.get(path)).json().code).toBe('declaration_required');
    expect((await me.post(`${path}/declaration`, { conflict: 'no' })).status).toBe(422);
    const declared = await me.post(`${path}/declaration`, { conflict: false });
    expect(declared.status).toBe(200);
    expect(declared.json()).toMatchObject({ status: 'accepted' });
    expect(declared.json().declaredAt).toEqual(expect.any(String));

    const opened = await me.get(path);
    expect(opened.status).toBe(200);
    expect(opened.json()).toMatchObject({
      assignment: { id: first.id, status: 'accepted' },
      application: {
        id: applications[0].id,
        answers: { projectTitle: 'Friday night football in Braunstone' },
        amountRequestedPence: 1_500_000,
      },
      scores: [],
    });
    expect(opened.json().criteria).toEqual(criteria);
    expect(opened.json().application.answerRows.length).toBeGreaterThan(5);
    // The grants team's working is not the assessor's to read.
    expect(opened.json().application).not.toHaveProperty('eligibilityChecks');
    expect(opened.json().application).not.toHaveProperty('messages');

    // Save as they go: part now, an out-of-range score refused with its field.
    const part = await me.request('PUT', `${path}/scores`, {
      json: { scores: [{ criterionId: criteria[0].id, score: 4, comment: 'Good local evidence' }] },
    });
    expect(part.status).toBe(200);
    expect(part.json().scores).toMatchObject([{ criterionId: criteria[0].id, score: 4 }]);
    const six = await me.request('PUT', `${path}/scores`, {
      json: { scores: [{ criterionId: criteria[1].id, score: 6, comment: '' }] },
    });
    expect(six.status).toBe(422);
    expect(six.json().errors).toEqual([
      {
        field: `scores.${criteria[1].id}`,
        message: 'Score Delivery plan with a whole number from 0 to 5',
      },
    ]);
    for (const bad of [
      { scores: [{ criterionId: criteria[1].id, score: 2.5 }] },
      { scores: [{ criterionId: 'need', score: 2 }] },
      { scores: [{ criterionId: criteria[1].id, score: 2, comment: 'x'.repeat(3001) }] },
      { scores: 'four' },
    ]) {
      const res = await me.request('PUT', `${path}/scores`, { json: bad });
      expect({ bad, status: res.status, code: res.json().code }).toEqual({
        bad,
        status: 422,
        code: 'validation_failed',
      });
    }

    const early = await me.post(`${path}/submit`);
    expect(early.status).toBe(422);
    expect(early.json().errors).toHaveLength(4);

    expect(
      (await me.request('PUT', `${path}/scores`, { json: { scores: allScores(4) } })).status,
    ).toBe(200);
    const submitted = await me.post(`${path}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
    expect(submitted.json().submittedAt).toEqual(expect.any(String));

    const locked = await me.request('PUT', `${path}/scores`, { json: { scores: allScores(1) } });
    expect(locked.status).toBe(409);
    expect(locked.json().code).toBe('scores_locked');
    expect((await me.post(`${path}/submit`)).json().code).toBe('scores_locked');
    expect((await me.get(path)).json().scores).toHaveLength(5);
  });

  it('lets an officer reopen submitted scores with a reason, recorded', async () => {
    const first = (
      (await assessorClients[0].get('/api/v1/assessor/assignments')).json()
        .assignments as Assignment[]
    ).find((x) => x.applicationId === applications[0].id)!;
    const reopenPath = `/api/v1/staff/assignments/${first.id}/reopen`;
    expect((await officer.post(reopenPath, {})).status).toBe(422);
    expect((await officer.post(reopenPath, { reason: '   ' })).json().errors).toEqual([
      { field: 'reason', message: 'Enter why the scores are being reopened' },
    ]);
    expect(
      (await officer.post('/api/v1/staff/assignments/nope/reopen', { reason: 'x' })).status,
    ).toBe(404);
    const reopened = await officer.post(reopenPath, {
      reason: 'Scored against the wrong criteria',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'accepted', submittedAt: null });
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({
        action: 'assessment.scores-reopened',
        reason: 'Scored against the wrong criteria',
      }),
    ).toBe(1);
    // Reopening what is not submitted is refused.
    expect((await officer.post(reopenPath, { reason: 'Again' })).status).toBe(422);

    const path = `/api/v1/assessor/assignments/${first.id}`;
    expect(
      (
        await assessorClients[0].request('PUT', `${path}/scores`, {
          json: { scores: allScores(4, 'Rechecked') },
        })
      ).status,
    ).toBe(200);
    expect((await assessorClients[0].post(`${path}/submit`)).status).toBe(200);
  });

  it('ranks the round with bands, counts and the moderation flag', async () => {
    // [first assessor, second assessor] for applications 0..3 (all criteria alike).
    const plan: [number, number][] = [
      [4, 4], // 80%: recommend (the first assessor's is already in)
      [3, 3], // 60%: reserve
      [2, 2], // 40%: not recommended
      [5, 0], // 50%, 100 points apart: not recommended, flagged
    ];
    for (const [k, assessorClient] of assessorClients.entries()) {
      const mine = (await assessorClient.get('/api/v1/assessor/assignments')).json()
        .assignments as Assignment[];
      for (const assignment of mine) {
        if (assignment.status === 'submitted') continue;
        const i = applications.findIndex((a) => a.id === assignment.applicationId);
        const path = `/api/v1/assessor/assignments/${assignment.id}`;
        expect((await assessorClient.post(`${path}/declaration`, { conflict: false })).status).toBe(
          200,
        );
        expect(
          (
            await assessorClient.request('PUT', `${path}/scores`, {
              json: { scores: allScores(plan[i][k]) },
            })
          ).status,
        ).toBe(200);
        expect((await assessorClient.post(`${path}/submit`)).status).toBe(200);
      }
    }

    const res = await financeClient.get(`/api/v1/staff/rounds/${round.id}/scores`);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      roundId: round.id,
      recommendThresholdBp: 7000,
      reserveThresholdBp: 6000,
      counts: { recommend: 1, reserve: 1, notRecommended: 2, unscored: 0, needsModeration: 1 },
    });
    expect(
      body.applications.map((a: Record<string, unknown>) => [
        a.rank,
        a.reference,
        a.percentage,
        a.scoreBasisPoints,
        a.band,
        a.needsModeration,
      ]),
    ).toEqual([
      [1, applications[0].reference, '80.00', 8000, 'recommend', false],
      [2, applications[1].reference, '60.00', 6000, 'reserve', false],
      [3, applications[3].reference, '50.00', 5000, 'not-recommended', true],
      [4, applications[2].reference, '40.00', 4000, 'not-recommended', false],
    ]);
    expect(body.applications[2]).toMatchObject({
      assessorCount: 2,
      spreadBp: 10000,
      bandLabel: 'Not recommended',
      flagged: true,
      assessorsPercentage: '50.00',
      moderation: null,
      projectTitle: 'Street dance in Saffron Lane',
      amountRequestedPence: 1_500_000,
    });
    expect((await officer.get('/api/v1/staff/rounds/nope/scores')).status).toBe(404);
  });

  it('describes every assessment route in the OpenAPI document', async () => {
    const doc = (await new HttpClient(server.baseUrl).get('/api/docs-json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/staff/rounds/{roundId}/rubric',
        '/api/v1/staff/applications/{id}/assignments',
        '/api/v1/staff/rounds/{roundId}/assignments/spread',
        '/api/v1/staff/rounds/{roundId}/assignments',
        '/api/v1/staff/assignments/{id}/reopen',
        '/api/v1/assessor/assignments',
        '/api/v1/assessor/assignments/{id}',
        '/api/v1/assessor/assignments/{id}/declaration',
        '/api/v1/assessor/assignments/{id}/scores',
        '/api/v1/assessor/assignments/{id}/submit',
        '/api/v1/staff/rounds/{roundId}/scores',
      ]),
    );
    expect(doc.components.schemas.RoundScoresDto).toBeDefined();
  });
});
