import { Award } from '@grants/awards';
import { Applicant } from '@grants/identity';
import { AwardAcceptanceService, AwardVariation, MonitoringReturn } from '@grants/monitoring';
import { jest } from '@jest/globals';
import { newApplicantEmail } from '../factories/applicant-api.factory';
import { createOrganisation, lastSignInCode } from '../factories/application.factory';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { endReturnPeriods } from '../factories/live-grant.factory';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

type Res = Awaited<ReturnType<HttpClient['get']>>;

/** A coded refusal: the status, the code, and (when given) the field the message is on. */
function expectRefused(res: Res, status: number, code: string, field?: string) {
  const body = res.json();
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (field !== undefined)
    expect(body.errors?.map((e: { field: string }) => e.field)).toContain(field);
}

const ANSWERS = {
  progress: 'Twelve Saturday sessions ran at the boxing club.',
  spendToDatePence: 400_000,
  peopleReached: 38,
  outcomes: 'Two young people now volunteer as coaches.',
  rag: 'amber',
  ragReason: 'The hall closed for a month',
};

/** The grantee's JSON API: their grants, one grant, a monitoring return and a change request. */
describe('grantee API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let decided: DecidedRound;
  let grantee: HttpClient;
  let stranger: HttpClient;
  let award: Award;
  let returns: MonitoringReturn[];

  const grantPath = () => `/api/v1/applications/${decided.apps[0].id}/grant`;
  const returnPath = (r: MonitoringReturn) => `${grantPath()}/returns/${r.id}`;
  const variationsPath = () => `${grantPath()}/variations`;
  const variationCount = () =>
    ctx.dataSource.manager.countBy(AwardVariation, { awardId: award.id });

  async function bearer(email: string): Promise<HttpClient> {
    const anonymous = new HttpClient(server.baseUrl);
    const asked = await anonymous.post('/api/v1/auth/email-code', { email });
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code: await lastSignInCode(ctx.dataSource, email),
    });
    expect(verified.status).toBe(200);
    return anonymous.withBearer(verified.json().token);
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    decided = await createDecidedRound(ctx, 'GRA');
    const applicant = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    await ctx.get(AwardAcceptanceService).accept(applicant, decided.apps[0].id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    award = await ctx.dataSource.manager.findOneByOrFail(Award, {
      applicationId: decided.apps[0].id,
    });
    await endReturnPeriods(ctx, award.id);
    returns = await ctx.dataSource.manager.find(MonitoringReturn, {
      where: { awardId: award.id },
      order: { sequence: 'ASC' },
    });
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    grantee = await bearer(decided.applicantEmail);
    const strangerEmail = newApplicantEmail('stranger');
    stranger = await bearer(strangerEmail);
    await createOrganisation(
      ctx,
      await ctx.dataSource.manager.findOneByOrFail(Applicant, { email: strangerEmail }),
    );
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lists the grants of the applicant’s organisations, in pence', async () => {
    const res = await grantee.get('/api/v1/grants');
    expect(res.status).toBe(200);
    expect(res.json().grants).toEqual([
      expect.objectContaining({
        applicationId: decided.apps[0].id,
        reference: decided.apps[0].reference,
        status: 'accepted',
        amountPence: 1_500_000,
        paidPence: 0,
        nextReturnDueOn: returns[0].dueOn,
      }),
    ]);
    expect((await stranger.get('/api/v1/grants')).json()).toEqual({ grants: [] });
  });

  it('gives one grant with its payments, returns and changes', async () => {
    const res = await grantee.get(grantPath());
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'accepted', amountPence: 1_500_000, duePence: 1_500_000 });
    expect(
      body.payments.map((p: { label: string; amountPence: number; status: string }) => [
        p.label,
        p.amountPence,
        p.status,
      ]),
    ).toEqual([
      ['50% on acceptance', 750_000, 'due'],
      [expect.stringContaining('50% after'), 750_000, 'scheduled'],
    ]);
    expect(body.returns[0]).toMatchObject({
      id: returns[0].id,
      title: 'Monitoring return 1',
      status: 'due',
      overdue: false,
    });
    expect(body.variations).toEqual([]);
  });

  it('refuses bad input with coded 4xx errors, writing nothing', async () => {
    expectRefused(
      await grantee.post(returnPath(returns[0]), { ...ANSWERS, spendToDatePence: '4000' }),
      422,
      'validation_failed',
      'spendToDatePence',
    );
    expectRefused(
      await grantee.post(returnPath(returns[0]), { ...ANSWERS, extra: true }),
      422,
      'validation_failed',
    );
    expectRefused(
      await grantee.post(returnPath(returns[0]), { ...ANSWERS, ragReason: '' }),
      422,
      'validation_failed',
      'ragReason',
    );
    expectRefused(
      await grantee.post(returnPath(returns[0]), { ...ANSWERS, rag: 'purple' }),
      422,
      'validation_failed',
      'rag',
    );
    expectRefused(
      await grantee.post(variationsPath(), { reason: 'More time' }),
      422,
      'validation_failed',
      'newAmount',
    );
    expectRefused(
      await grantee.post(variationsPath(), { newEndOn: '2030-02-31', reason: 'More time' }),
      422,
      'validation_failed',
      'newEndOn',
    );
    expectRefused(
      await grantee.post(variationsPath(), { newAmountPence: 1.5, reason: 'More' }),
      422,
      'validation_failed',
      'newAmountPence',
    );
    const still = await ctx.dataSource.manager.findOneByOrFail(MonitoringReturn, {
      id: returns[0].id,
    });
    expect(still.status).toBe('due');
    expect(await variationCount()).toBe(0);
  });

  it('sends a return once, and asks for a change once at a time', async () => {
    const sent = await grantee.post(returnPath(returns[0]), ANSWERS);
    expect(sent.status).toBe(200);
    expect(sent.json()).toMatchObject({
      status: 'submitted',
      spendToDatePence: 400_000,
      rag: 'amber',
      officerRag: null,
    });
    expectRefused(await grantee.post(returnPath(returns[0]), ANSWERS), 409, 'return_not_open');

    const asked = await grantee.post(variationsPath(), {
      newAmountPence: 1_400_000,
      budgetChanges: 'Less room hire',
      reason: 'The council lends us the hall',
    });
    expect(asked.status).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'requested',
      previousAmountPence: 1_500_000,
      newAmountPence: 1_400_000,
    });
    expectRefused(
      await grantee.post(variationsPath(), { budgetChanges: 'x', reason: 'y' }),
      409,
      'variation_open',
    );
    const grant = (await grantee.get(grantPath())).json();
    expect(grant.variationRequested).toBe(true);
    expect(grant.returns[0].status).toBe('submitted');
  });

  it('answers 404 to another organisation’s member, and to ids that are not a grant’s', async () => {
    // The same answer as for an application that does not exist.
    expectRefused(await stranger.get(grantPath()), 404, 'application_not_found');
    expectRefused(
      await stranger.post(returnPath(returns[1]), ANSWERS),
      404,
      'application_not_found',
    );
    expectRefused(
      await stranger.post(variationsPath(), { budgetChanges: 'x', reason: 'y' }),
      404,
      'application_not_found',
    );
    expectRefused(
      await grantee.get(`/api/v1/applications/${decided.apps[1].id}/grant`),
      404,
      'not_found',
    );
    expectRefused(
      await grantee.post(`${grantPath()}/returns/not-a-uuid`, ANSWERS),
      404,
      'not_found',
    );
    expect(
      (await ctx.dataSource.manager.findOneByOrFail(MonitoringReturn, { id: returns[1].id }))
        .status,
    ).toBe('due');
    expect(await variationCount()).toBe(1);
  });

  it('needs an applicant’s bearer token', async () => {
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.get('/api/v1/grants')).status).toBe(401);
    expect((await anonymous.post(variationsPath(), { reason: 'x' })).status).toBe(401);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await new HttpClient(server.baseUrl).get('/api/docs-json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/grants',
        '/api/v1/applications/{id}/grant',
        '/api/v1/applications/{id}/grant/returns/{returnId}',
        '/api/v1/applications/{id}/grant/variations',
      ]),
    );
  });
});
