import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import {
  AssessorAssignment,
  AssignmentsService,
  CriterionScore,
  RubricService,
  ScoringService,
} from '@grants/assessment';
import { AuditEvent, StaffRole } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser, staffActor } from '@grants/identity';
import { newApplicantEmail } from '../factories/applicant-api.factory';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
  lastSignInCode,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  json?: unknown;
}

const MISSING = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';

/**
 * Who may use which assessment route. An assessor reaches only their own assignments (anyone
 * else's, and one they declared a conflict on, answer 404 as if they did not exist); officers
 * manage; the office reads the scores; applicants and anonymous callers reach nothing, and an
 * applicant's own application shows no scores.
 */
describe('access to the assessment API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let applications: Application[];
  /** mine: accepted by `me`; theirs: someone else's; conflicted: mine, with a conflict; fresh: mine, undeclared. */
  let mine: AssessorAssignment;
  let theirs: AssessorAssignment;
  let conflicted: AssessorAssignment;
  let fresh: AssessorAssignment;
  let criterionId: string;
  let me: StaffUser;
  let meClient: HttpClient;
  let applicantClient: HttpClient;
  const staffTokens = new Map<StaffRole, string>();

  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);
  const call = (client: HttpClient, route: Route) =>
    client.request(route.method, route.path, {
      json: route.method === 'GET' ? undefined : (route.json ?? {}),
    });
  const scoresBody = () => ({ scores: [{ criterionId, score: 1, comment: 'Not mine' }] });
  /** The assessor's routes on one assignment. */
  const assessorRoutes = (id: string): Route[] => [
    { method: 'GET', path: `/api/v1/assessor/assignments/${id}` },
    { method: 'PUT', path: `/api/v1/assessor/assignments/${id}/scores`, json: scoresBody() },
    { method: 'POST', path: `/api/v1/assessor/assignments/${id}/submit` },
  ];
  const officerRoutes = (): Route[] => [
    {
      method: 'PUT',
      path: `/api/v1/staff/rounds/${round.id}/rubric`,
      json: { criteria: [{ title: 'Need', guidance: '', maxScore: 5, weight: 100 }] },
    },
    {
      method: 'POST',
      path: `/api/v1/staff/applications/${applications[1].id}/assignments`,
      json: { assessorIds: [me.id] },
    },
    {
      method: 'POST',
      path: `/api/v1/staff/rounds/${round.id}/assignments/spread`,
      json: { perApplication: 1, assessorIds: [me.id] },
    },
    { method: 'GET', path: `/api/v1/staff/rounds/${round.id}/assignments` },
    {
      method: 'POST',
      path: `/api/v1/staff/assignments/${theirs.id}/reopen`,
      json: { reason: 'Not allowed to reopen' },
    },
  ];
  const scoresRoute = (): Route => ({
    method: 'GET',
    path: `/api/v1/staff/rounds/${round.id}/scores`,
  });
  const rubricRead = (): Route => ({
    method: 'GET',
    path: `/api/v1/staff/rounds/${round.id}/rubric`,
  });
  const everyRoute = (): Route[] => [
    rubricRead(),
    ...officerRoutes(),
    scoresRoute(),
    { method: 'GET', path: '/api/v1/assessor/assignments' },
    {
      method: 'POST',
      path: `/api/v1/assessor/assignments/${fresh.id}/declaration`,
      json: { conflict: false },
    },
    ...assessorRoutes(mine.id),
  ];

  /** What must not change when refused requests are tried. */
  const snapshot = async () => ({
    assignments: await ctx.dataSource
      .getRepository(AssessorAssignment)
      .find({ order: { id: 'ASC' } }),
    scores: await ctx.dataSource.getRepository(CriterionScore).find({ order: { id: 'ASC' } }),
    audit: await ctx.dataSource.getRepository(AuditEvent).count(),
  });

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const applicantEmail = newApplicantEmail('owner');
    const applicant = await createApplicant(ctx, applicantEmail);
    const organisation = await createOrganisation(ctx, applicant);
    const officer = { type: 'staff' as const, id: null, label: 'officer@opcc.test' };
    applications = [];
    for (const title of ['Friday night football in Braunstone', 'Boxing in Beaumont Leys']) {
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
            officer,
          ),
      );
    }
    for (const role of ['admin', 'grants-officer', 'decision-maker', 'finance'] as StaffRole[]) {
      const user = await createStaff(ctx, role);
      staffTokens.set(role, await bearerFor(server.baseUrl, user.email));
    }
    me = await createStaff(ctx, 'assessor');
    const other = await createStaff(ctx, 'assessor');
    meClient = as(await bearerFor(server.baseUrl, me.email));
    staffTokens.set('assessor', await bearerFor(server.baseUrl, me.email));

    criterionId = (await ctx.get(RubricService).ensure(round.id, officer))[0].id;
    const assignments = ctx.get(AssignmentsService);
    const scoring = ctx.get(ScoringService);
    [mine] = await assignments.assign(applications[0].id, [me.id], officer);
    [theirs] = await assignments.assign(applications[0].id, [other.id], officer);
    [conflicted] = await assignments.assign(applications[1].id, [me.id], officer);
    const [otherSecond] = await assignments.assign(applications[1].id, [other.id], officer);
    await assignments.declare(mine.id, me, { conflict: false }, staffActor(me));
    await assignments.declare(theirs.id, other, { conflict: false }, staffActor(other));
    await assignments.declare(otherSecond.id, other, { conflict: false }, staffActor(other));
    await assignments.declare(
      conflicted.id,
      me,
      { conflict: true, note: 'I chair the boxing club’s trustees' },
      staffActor(me),
    );
    // The other assessor's scores on application 0, submitted: something to leak if we could.
    const rubric = await ctx.get(RubricService).criteria(round.id);
    await scoring.save(
      theirs.id,
      other,
      rubric.map((c) => ({ criterionId: c.id, score: 4, comment: 'Strong bid' })),
      staffActor(other),
    );
    await scoring.submit(theirs.id, other, staffActor(other));
    // A second, undeclared assignment for me on a third application.
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, {
      projectTitle: 'Detached youth work in Loughborough',
    });
    await ctx.get(ApplicationsService).submit(applicant, draft.id);
    applications.push(
      await ctx
        .get(AppraisalService)
        .appraise(draft.id, { confirmed: round.appraisalChecklist, outcome: 'eligible' }, officer),
    );
    [fresh] = await assignments.assign(applications[2].id, [me.id], officer);

    // The applicant signs in to the API as the real code flow does.
    const anonymous = as();
    const asked = await anonymous.post('/api/v1/auth/email-code', { email: applicantEmail });
    const code = await lastSignInCode(ctx.dataSource, applicantEmail);
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code,
    });
    applicantClient = as(verified.json().token as string);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it("lists only the assessor's own assignments, without the conflicted one", async () => {
    const res = await meClient.get('/api/v1/assessor/assignments');
    expect(res.status).toBe(200);
    expect((res.json().assignments as { id: string }[]).map((a) => a.id).sort()).toEqual(
      [mine.id, fresh.id].sort(),
    );
  });

  it("answers 404 on someone else's assignment and a conflicted one, and changes nothing", async () => {
    const before = await snapshot();
    const missing = await meClient.get(`/api/v1/assessor/assignments/${MISSING}`);
    expect(missing.status).toBe(404);
    for (const id of [theirs.id, conflicted.id, MISSING, 'not-an-id']) {
      for (const route of assessorRoutes(id)) {
        const res = await call(meClient, route);
        expect({ route, status: res.status, code: res.json().code }).toEqual({
          route,
          status: 404,
          code: 'assignment_not_found',
        });
        // The same answer as for an assignment that does not exist, so ids cannot be probed.
        expect(res.json().message).toBe(missing.json().message);
      }
    }
    const declare = await meClient.post(`/api/v1/assessor/assignments/${theirs.id}/declaration`, {
      conflict: false,
    });
    expect({ status: declare.status, code: declare.json().code }).toEqual({
      status: 404,
      code: 'assignment_not_found',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to open or score before the declaration (409)', async () => {
    const before = await snapshot();
    for (const route of assessorRoutes(fresh.id)) {
      const res = await call(meClient, route);
      expect({ route, status: res.status, code: res.json().code }).toEqual({
        route,
        status: 409,
        code: 'declaration_required',
      });
    }
    expect(await snapshot()).toEqual(before);
    // Their own accepted assignment opens, and shows only their scores (none yet).
    const opened = await meClient.get(`/api/v1/assessor/assignments/${mine.id}`);
    expect(opened.status).toBe(200);
    expect(opened.json().scores).toEqual([]);
  });

  it('keeps officer routes and the scores overview from assessors (403)', async () => {
    const before = await snapshot();
    for (const route of [...officerRoutes(), scoresRoute()]) {
      const res = await call(meClient, route);
      expect({ route, status: res.status, code: res.json().code }).toEqual({
        route,
        status: 403,
        code: 'forbidden',
      });
    }
    expect(await snapshot()).toEqual(before);
    expect((await call(meClient, rubricRead())).status).toBe(200);
  });

  it('lets each office role do what its role allows', async () => {
    const before = await snapshot();
    // Officer routes are tried (and must be refused) only for roles that may not use them.
    const expected: Record<string, { reads: number; officerRoutes: 403 | 'allowed' }> = {
      admin: { reads: 200, officerRoutes: 'allowed' },
      'grants-officer': { reads: 200, officerRoutes: 'allowed' },
      'decision-maker': { reads: 200, officerRoutes: 403 },
      finance: { reads: 200, officerRoutes: 403 },
    };
    for (const [role, token] of staffTokens) {
      if (role === 'assessor') continue;
      for (const route of [rubricRead(), scoresRoute()]) {
        const res = await call(as(token), route);
        expect({ role, route, status: res.status }).toEqual({
          role,
          route,
          status: expected[role].reads,
        });
      }
      const routes = [
        ...(expected[role].officerRoutes === 403 ? officerRoutes() : []),
        { method: 'GET', path: '/api/v1/assessor/assignments' } as Route,
        ...assessorRoutes(mine.id),
      ];
      for (const route of routes) {
        const res = await call(as(token), route);
        expect({ role, route, status: res.status }).toEqual({ role, route, status: 403 });
      }
    }
    expect(await snapshot()).toEqual(before);
    // Officers see every assignment, the conflict with its note.
    const listed = await as(staffTokens.get('grants-officer')).get(
      `/api/v1/staff/rounds/${round.id}/assignments`,
    );
    expect(listed.json().assignments).toContainEqual(
      expect.objectContaining({
        id: conflicted.id,
        status: 'conflict',
        conflictNote: 'I chair the boxing club’s trustees',
      }),
    );
  });

  it('refuses applicant tokens and anonymous callers on every route', async () => {
    const before = await snapshot();
    for (const route of everyRoute()) {
      const applicantRes = await call(applicantClient, route);
      expect({ route, status: applicantRes.status }).toEqual({ route, status: 401 });
      const anonymousRes = await call(as(), route);
      expect({ route, status: anonymousRes.status }).toEqual({ route, status: 401 });
      expect(anonymousRes.json().code).toBe('unauthenticated');
    }
    expect(await snapshot()).toEqual(before);
  });

  it("never shows scores in the applicant's own application", async () => {
    const res = await applicantClient.get(`/api/v1/applications/${applications[0].id}`);
    expect(res.status).toBe(200);
    expect(res.json().answers.projectTitle).toBe('Friday night football in Braunstone');
    const keys: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          keys.push(k);
          walk(v);
        }
    };
    walk(res.json());
    expect(keys.filter((k) => /score|assess|percentage|band|moderation/i.test(k))).toEqual([]);
    expect(res.text).not.toContain('Strong bid');
    const list = await applicantClient.get('/api/v1/applications');
    expect(list.text).not.toMatch(/score|Strong bid/i);
  });
});
