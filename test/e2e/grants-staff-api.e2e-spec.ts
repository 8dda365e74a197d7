import { Application } from '@grants/applications';
import { Award } from '@grants/awards';
import { ukToday, addDays } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { Applicant } from '@grants/identity';
import {
  AwardAcceptanceService,
  AwardVariationsService,
  MonitoringReturnsService,
  ReturnAnswers,
} from '@grants/monitoring';
import { jest } from '@jest/globals';
import { lastSignInCode } from '../factories/application.factory';
import { createDecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { endReturnPeriods } from '../factories/live-grant.factory';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

const NO_SUCH_ID = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';
const API = '/api/v1/staff';

const answers = (over: Partial<ReturnAnswers> = {}): ReturnAnswers => ({
  progress: 'Twelve Saturday sessions ran at the boxing club.',
  spendToDatePence: 400_000,
  peopleReached: 38,
  outcomes: 'Attendance is steady; two young people now volunteer as coaches.',
  rag: 'green',
  ragReason: '',
  changesNeeded: '',
  ...over,
});

/*
 * The office's grant-management API over HTTP against the built server: who may do what, the
 * bad input it refuses without writing anything, and one £15,000 grant taken from its first
 * payment to closure with the round's ledger reconciling at the end. The grantee's own steps
 * (sending returns, asking for a change) go through the services, as the grantee pages do.
 */
describe('grants staff API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let app: Application;
  let award: Award;
  let grantee: Applicant;
  let officer: HttpClient;
  let admin: HttpClient;
  let finance: HttpClient;
  let financeToken: string;
  let decider: HttpClient;
  let assessor: HttpClient;
  let applicant: HttpClient;
  let anonymous: HttpClient;
  /** The schedule acceptance made: two instalments, two quarterly returns and a final report. */
  let payments: { id: string }[];
  let returns: { id: string }[];
  let variationId: string;
  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);
  const today = () => ukToday(new Date());

  /** Everything the API could write about this grant, to show a refusal changed nothing. */
  async function written(): Promise<unknown> {
    const q = (sql: string) => ctx.dataSource.query(sql, [award.id]);
    return {
      award: await q(`SELECT * FROM awards WHERE id = $1`),
      payments: await q(`SELECT * FROM grant_payments WHERE award_id = $1 ORDER BY sequence`),
      returns: await q(`SELECT * FROM monitoring_returns WHERE award_id = $1 ORDER BY sequence`),
      variations: await q(`SELECT * FROM award_variations WHERE award_id = $1 ORDER BY created_at`),
      commitments: await ctx.dataSource.query(
        `SELECT * FROM budget_commitments WHERE round_id = $1`,
        [round.id],
      ),
      audit: await ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`),
      mail: await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails`),
    };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    const decided = await createDecidedRound(ctx, 'GAPI');
    ({ round } = decided);
    app = decided.apps[0];
    // Nine months from today: returns after quarters 1 and 2, and a final report.
    await ctx.dataSource.query(
      `UPDATE applications SET start_date = $2, duration_months = 9 WHERE id = $1`,
      [app.id, today()],
    );
    grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    award = await ctx.get(AwardAcceptanceService).accept(grantee, app.id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    await endReturnPeriods(ctx, award.id);
    payments = await ctx.dataSource.query(
      `SELECT id FROM grant_payments WHERE award_id = $1 ORDER BY sequence`,
      [award.id],
    );
    returns = await ctx.dataSource.query(
      `SELECT id FROM monitoring_returns WHERE award_id = $1 ORDER BY sequence`,
      [award.id],
    );
    expect([payments.length, returns.length]).toEqual([2, 3]);

    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    const token = async (role: Parameters<typeof createStaff>[1]) =>
      bearerFor(server.baseUrl, (await createStaff(ctx, role)).email);
    officer = as(await token('grants-officer'));
    admin = as(await token('admin'));
    financeToken = await token('finance');
    finance = as(financeToken);
    decider = as(await token('decision-maker'));
    assessor = as(await token('assessor'));
    anonymous = as();
    const asked = await anonymous.post('/api/v1/auth/email-code', { email: grantee.email });
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code: await lastSignInCode(ctx.dataSource, grantee.email),
    });
    applicant = as(verified.json().token as string);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  const reads = () => [
    `${API}/grants`,
    `${API}/grants?rag=none&roundId=${round.id}`,
    `${API}/grants/${award.id}`,
    `${API}/rounds/${round.id}/ledger`,
    `${API}/returns`,
    `${API}/payments/due`,
  ];

  it('lets the office read the portfolio, grants, ledger and queues; nobody else', async () => {
    for (const path of reads()) {
      for (const [who, client] of Object.entries({ officer, admin, finance, decider })) {
        const res = await client.get(path);
        expect({ path, who, status: res.status }).toEqual({ path, who, status: 200 });
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      expect({ path, status: (await assessor.get(path)).status }).toEqual({ path, status: 403 });
      for (const client of [applicant, anonymous])
        expect({ path, status: (await client.get(path)).status }).toEqual({ path, status: 401 });
    }
  });

  it('shows the accepted grant, its schedule and the money still to pay', async () => {
    const list = await officer.get(`${API}/grants`);
    const mine = list.json().find((g: { awardId: string }) => g.awardId === award.id);
    expect(mine).toMatchObject({
      applicationId: app.id,
      reference: app.reference,
      roundId: round.id,
      status: 'accepted',
      amountPence: 1_500_000,
      paidPence: 0,
      rag: null,
      ragSource: null,
      overdueReturns: 0,
      returnsToReview: 0,
      variationRequested: false,
    });
    expect(mine.nextReturnDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await officer.get(`${API}/grants?rag=red&roundId=${round.id}`)).json()).toEqual([]);

    const detail = (await finance.get(`${API}/grants/${award.id}`)).json();
    expect(detail.award).toMatchObject({
      id: award.id,
      status: 'accepted',
      amountPence: 1_500_000,
      answeredByName: 'Priya Shah',
      plannedStartOn: today(),
      returnedPence: 0,
    });
    expect(new Date(detail.award.answeredAt).toISOString()).toBe(detail.award.answeredAt);
    expect(
      detail.payments.map((p: { amountPence: number; status: string }) => [
        p.amountPence,
        p.status,
      ]),
    ).toEqual([
      [750_000, 'due'],
      [750_000, 'scheduled'],
    ]);
    expect(
      detail.returns.map((r: { title: string; status: string }) => [r.title, r.status]),
    ).toEqual([
      ['Monitoring return 1', 'due'],
      ['Monitoring return 2', 'due'],
      ['Final report', 'due'],
    ]);
    expect(detail.duePence).toBe(1_500_000);

    const due = (await finance.get(`${API}/payments/due`)).json();
    expect(due.filter((p: { awardId: string }) => p.awardId === award.id)).toEqual([
      expect.objectContaining({
        id: payments[0].id,
        amountPence: 750_000,
        status: 'due',
        applicationReference: app.reference,
        applicationId: app.id,
      }),
    ]);
    expect((await officer.get(`${API}/rounds/${round.id}/ledger`)).json()).toEqual({
      roundId: round.id,
      budgetPence: 5_000_000,
      committedPence: 1_500_000,
      uncommittedPence: 3_500_000,
      paidPence: 0,
      returnedPence: 0,
      duePence: 1_500_000,
      reconciles: true,
    });
  });

  it('keeps each change to its roles, writing nothing when refused', async () => {
    const before = await written();
    const pay = { paidOn: today(), amountPence: 750_000, reference: 'BACS 1' };
    const review = { rag: 'green', outcome: 'accept' };
    const decision = { approve: false, reason: 'No' };
    const close = { outcome: 'ended-early', returnedPence: 0, note: 'Stopped' };
    const writes: [string, unknown, HttpClient[]][] = [
      [`${API}/payments/${payments[0].id}/paid`, pay, [officer, decider, assessor]],
      [`${API}/returns/${returns[0].id}/review`, review, [finance, decider, assessor]],
      [`${API}/variations/${NO_SUCH_ID}/decision`, decision, [finance, decider, assessor]],
      [`${API}/grants/${award.id}/close`, close, [finance, decider, assessor]],
    ];
    for (const [path, body, refused] of writes) {
      for (const client of refused)
        expect({ path, status: (await client.post(path, body)).status }).toEqual({
          path,
          status: 403,
        });
      for (const client of [applicant, anonymous])
        expect({ path, status: (await client.post(path, body)).status }).toEqual({
          path,
          status: 401,
        });
    }
    expect(await written()).toEqual(before);
  });

  it('refuses bad input with a coded 4xx and writes nothing', async () => {
    // A return sent for review and a change asked for, so each refusal meets a live target.
    const returnsService = ctx.get(MonitoringReturnsService);
    await returnsService.submit(
      grantee,
      app.id,
      returns[0].id,
      answers({ rag: 'amber', ragReason: 'The hall was closed for three weeks.' }),
    );
    const asked = await ctx.get(AwardVariationsService).request(grantee, app.id, {
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £200 from venue hire to equipment',
      reason: 'The school gym is free.',
    });
    const before = await written();

    const refused = async (
      client: HttpClient,
      path: string,
      json: unknown,
      status: number,
      expected: { code?: string; field?: string } = {},
    ) => {
      const res = await client.post(path, json);
      expect({ path, json, status: res.status }).toEqual({ path, json, status });
      const body = res.json();
      if (expected.code) expect({ json, code: body.code }).toEqual({ json, code: expected.code });
      if (expected.field)
        expect({ json, fields: body.errors.map((e: { field: string }) => e.field) }).toEqual({
          json,
          fields: expect.arrayContaining([expected.field]),
        });
      return body;
    };
    const invalid = (field: string) => ({ code: 'validation_failed', field });

    // Recording a payment.
    const paid = `${API}/payments/${payments[0].id}/paid`;
    const pay = { paidOn: today(), amountPence: 750_000, reference: 'BACS 1' };
    for (const [over, field] of [
      [{ amountPence: '750000' }, 'amountPence'],
      [{ amountPence: 750_000.5 }, 'amountPence'],
      [{ amountPence: 0 }, 'amountPence'],
      [{ amountPence: -1 }, 'amountPence'],
      [{ amountPence: 1e20 }, 'amountPence'],
      [{ amountPence: 2 ** 53 }, 'amountPence'],
      [{ amountPence: Number.MAX_SAFE_INTEGER }, 'amountPence'],
      [{ amountPence: 750_001 }, 'amountPence'],
      [{ amountPence: null }, 'amountPence'],
      [{ amountPence: [750_000] }, 'amountPence'],
      [{ paidOn: '2023-02-30' }, 'paidOn'],
      [{ paidOn: '27/03/2023' }, 'paidOn'],
      [{ paidOn: '' }, 'paidOn'],
      [{ paidOn: 20230327 }, 'paidOn'],
      [{ paidOn: '2023-03-27T00:00:00Z' }, 'paidOn'],
      [{ paidOn: addDays(today(), 1) }, 'paidOn'],
      [{ reference: '' }, 'reference'],
      [{ reference: '   ' }, 'reference'],
      [{ reference: 'x'.repeat(101) }, 'reference'],
      [{ reference: 42 }, 'reference'],
      [{ status: 'paid' }, 'status'],
    ] as [Record<string, unknown>, string][])
      await refused(finance, paid, { ...pay, ...over }, 422, invalid(field));
    await refused(
      finance,
      paid,
      { amountPence: 750_000, reference: 'BACS 1' },
      422,
      invalid('paidOn'),
    );
    await refused(finance, paid, [], 422);
    const over = await refused(finance, paid, { ...pay, amountPence: 750_001 }, 422);
    expect(over.errors).toEqual([
      { field: 'amountPence', message: 'The amount paid must not be more than the £7,500.00 due' },
    ]);
    // Not JSON, or a number JSON cannot hold exactly: still a 4xx, never a 500.
    for (const body of [
      '{"paidOn": "2023-03-27", "amountPence": 1e400, "reference": "x"}',
      '{"paidOn": ',
      'amountPence=1',
    ]) {
      const res = await fetch(server.baseUrl + paid, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${financeToken}`,
        },
        body,
      });
      expect({ body, clientError: res.status >= 400 && res.status < 500 }).toEqual({
        body,
        clientError: true,
      });
    }
    await refused(finance, `${API}/payments/${payments[1].id}/paid`, pay, 409, {
      code: 'payment_not_due',
    });
    for (const id of [NO_SUCH_ID, 'not-a-payment', '1', "1' OR '1'='1"])
      await refused(finance, `${API}/payments/${encodeURIComponent(id)}/paid`, pay, 404, {
        code: 'not_found',
      });

    // Reviewing a return.
    const review = `${API}/returns/${returns[0].id}/review`;
    const ok = { rag: 'amber', outcome: 'accept', comment: '', question: '' };
    for (const [body, field] of [
      [{ ...ok, rag: 'purple' }, 'rag'],
      [{ ...ok, rag: 1 }, 'rag'],
      [{ ...ok, outcome: 'maybe' }, 'outcome'],
      [{ rag: 'amber' }, 'outcome'],
      [{ ...ok, outcome: 'more-information' }, 'question'],
      [{ ...ok, outcome: 'more-information', question: '   ' }, 'question'],
      [{ ...ok, comment: 7 }, 'comment'],
      [{ ...ok, comment: 'x'.repeat(5001) }, 'comment'],
      [{ ...ok, question: 'x'.repeat(5001) }, 'question'],
      [{ ...ok, paymentsDue: true }, 'paymentsDue'],
    ] as [Record<string, unknown>, string][])
      await refused(officer, review, body, 422, invalid(field));
    await refused(officer, `${API}/returns/${returns[1].id}/review`, ok, 409, {
      code: 'return_not_open',
    });
    for (const id of [NO_SUCH_ID, 'not-a-return'])
      await refused(officer, `${API}/returns/${id}/review`, ok, 404, { code: 'not_found' });

    // Deciding a variation.
    const decide = `${API}/variations/${asked.id}/decision`;
    for (const [body, field] of [
      [{ approve: 'yes' }, 'approve'],
      [{ approve: 1 }, 'approve'],
      [{ reason: 'Agreed' }, 'approve'],
      [{ approve: false }, 'reason'],
      [{ approve: false, reason: '  ' }, 'reason'],
      [{ approve: false, reason: 'x'.repeat(5001) }, 'reason'],
      [{ approve: true, reason: 3 }, 'reason'],
      [{ approve: true, newAmountPence: 1 }, 'newAmountPence'],
    ] as [Record<string, unknown>, string][])
      await refused(officer, decide, body, 422, invalid(field));
    for (const id of [NO_SUCH_ID, 'not-a-variation'])
      await refused(officer, `${API}/variations/${id}/decision`, { approve: true }, 404, {
        code: 'not_found',
      });

    // Closing the grant.
    const close = `${API}/grants/${award.id}/close`;
    const early = { outcome: 'ended-early', returnedPence: 0, note: 'The club closed.' };
    for (const [body, field] of [
      [{ ...early, outcome: 'done' }, 'outcome'],
      [{ ...early, returnedPence: '0' }, 'returnedPence'],
      [{ ...early, returnedPence: -1 }, 'returnedPence'],
      [{ ...early, returnedPence: 0.5 }, 'returnedPence'],
      [{ ...early, returnedPence: 1e300 }, 'returnedPence'],
      // Nothing has been paid yet, so nothing can have been paid back.
      [{ ...early, returnedPence: 1 }, 'returnedPence'],
      [{ outcome: 'ended-early', note: 'x' }, 'returnedPence'],
      [{ ...early, note: '' }, 'note'],
      [{ ...early, note: 'x'.repeat(5001) }, 'note'],
      [{ ...early, status: 'closed' }, 'status'],
    ] as [Record<string, unknown>, string][])
      await refused(officer, close, body, 422, invalid(field));
    await refused(officer, close, { ...early, outcome: 'completed' }, 409, {
      code: 'final_report_outstanding',
    });
    for (const id of [NO_SUCH_ID, 'not-a-grant'])
      await refused(officer, `${API}/grants/${id}/close`, early, 404, { code: 'not_found' });

    // Reads with bad ids and filters.
    for (const [path, status] of [
      [`${API}/grants/${NO_SUCH_ID}`, 404],
      [`${API}/grants/not-a-grant`, 404],
      [`${API}/rounds/${NO_SUCH_ID}/ledger`, 404],
      [`${API}/rounds/not-a-round/ledger`, 404],
      [`${API}/grants?rag=purple`, 422],
      [`${API}/grants?roundId=not-a-round`, 422],
      [`${API}/grants?roundId=${NO_SUCH_ID}`, 404],
      [`${API}/grants?colour=red`, 422],
    ] as [string, number][])
      expect({ path, status: (await officer.get(path)).status }).toEqual({ path, status });

    expect(await written()).toEqual(before);
    variationId = asked.id;
  });

  it('takes the grant through payment, review, variations and closure; the ledger reconciles', async () => {
    const returnsService = ctx.get(MonitoringReturnsService);
    const grant = async () => (await officer.get(`${API}/grants/${award.id}`)).json();

    // Finance pays the first half; an admin may too, but it is paid once.
    const first = await finance.post(`${API}/payments/${payments[0].id}/paid`, {
      paidOn: today(),
      amountPence: 750_000,
      reference: 'BACS 0001',
    });
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({
      id: payments[0].id,
      status: 'paid',
      amountPence: 750_000,
      paidOn: today(),
      reference: 'BACS 0001',
    });
    const again = await admin.post(`${API}/payments/${payments[0].id}/paid`, {
      paidOn: today(),
      amountPence: 750_000,
      reference: 'BACS 0001',
    });
    expect([again.status, again.json().code]).toEqual([409, 'payment_not_due']);

    // Return 1 (amber) waits in the queue; the officer asks a question, then accepts.
    const queue = (await officer.get(`${API}/returns`)).json();
    expect(queue.toReview).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: returns[0].id,
          reference: app.reference,
          title: 'Monitoring return 1',
          status: 'submitted',
          granteeRag: 'amber',
        }),
      ]),
    );
    const asking = await officer.post(`${API}/returns/${returns[0].id}/review`, {
      rag: 'amber',
      outcome: 'more-information',
      question: 'Where did the sessions go while the hall was closed?',
    });
    expect(asking.status).toBe(200);
    expect(asking.json()).toMatchObject({
      status: 'more-information',
      officerRag: 'amber',
      question: 'Where did the sessions go while the hall was closed?',
    });
    await returnsService.submit(
      grantee,
      app.id,
      returns[0].id,
      answers({ rag: 'amber', ragReason: 'Sessions moved to the school gym.' }),
    );
    const accepted = await admin.post(`${API}/returns/${returns[0].id}/review`, {
      rag: 'amber',
      outcome: 'accept',
      comment: 'Thank you: keep us told about the hall.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', officerRag: 'amber' });
    const amber = (await decider.get(`${API}/grants?rag=amber&roundId=${round.id}`)).json();
    expect(
      amber.map((g: { awardId: string; ragSource: string }) => [g.awardId, g.ragSource]),
    ).toEqual([[award.id, 'officer']]);
    // The second half is now due.
    const due = (await finance.get(`${API}/payments/due`)).json();
    expect(due.filter((p: { awardId: string }) => p.awardId === award.id)).toEqual([
      expect.objectContaining({ id: payments[1].id, amountPence: 750_000, status: 'due' }),
    ]);

    // The first change (budget lines) is declined with the reason; it cannot be decided twice.
    const declined = await officer.post(`${API}/variations/${variationId}/decision`, {
      approve: false,
      reason: 'Equipment is already funded by the council.',
    });
    expect(declined.status).toBe(200);
    expect(declined.json()).toMatchObject({
      id: variationId,
      status: 'declined',
      decisionReason: 'Equipment is already funded by the council.',
    });
    const twice = await officer.post(`${API}/variations/${variationId}/decision`, {
      approve: true,
    });
    expect([twice.status, twice.json().code]).toEqual([409, 'variation_decided']);

    // The second (a smaller grant, a later end) is approved: the unpaid half shrinks.
    const detailBefore = await grant();
    const newEndOn = addDays(detailBefore.award.plannedEndOn, 61);
    const smaller = await ctx.get(AwardVariationsService).request(grantee, app.id, {
      newAmountPence: 1_400_000,
      newEndOn,
      budgetChanges: '',
      reason: 'The school gym is free, so venue hire costs less.',
    });
    const approved = await officer.post(`${API}/variations/${smaller.id}/decision`, {
      approve: true,
    });
    expect(approved.status).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      previousAmountPence: 1_500_000,
      newAmountPence: 1_400_000,
      newEndOn,
    });
    let detail = await grant();
    expect([detail.award.amountPence, detail.award.plannedEndOn, detail.duePence]).toEqual([
      1_400_000,
      newEndOn,
      650_000,
    ]);
    expect(detail.variations.map((v: { status: string }) => v.status)).toEqual([
      'declined',
      'approved',
    ]);

    // The rest is paid in two parts: part of the instalment leaves its balance due.
    const part = await finance.post(`${API}/payments/${payments[1].id}/paid`, {
      paidOn: today(),
      amountPence: 400_000,
      reference: 'BACS 0002',
    });
    expect(part.status).toBe(200);
    detail = await grant();
    const balance = detail.payments.find((p: { status: string }) => p.status === 'due');
    expect(balance).toMatchObject({
      amountPence: 250_000,
      label: expect.stringMatching(/^Balance/),
    });
    expect(
      (
        await admin.post(`${API}/payments/${balance.id}/paid`, {
          paidOn: today(),
          amountPence: 250_000,
          reference: 'BACS 0003',
        })
      ).status,
    ).toBe(200);

    // Return 2 and the final report are sent and accepted; then the grant closes as completed.
    await endReturnPeriods(ctx, award.id); // the variation moved the final report's period on
    for (const r of [returns[1], returns[2]]) {
      await returnsService.submit(grantee, app.id, r.id, answers({ spendToDatePence: 1_390_000 }));
      const res = await officer.post(`${API}/returns/${r.id}/review`, {
        rag: 'green',
        outcome: 'accept',
      });
      expect(res.status).toBe(200);
    }
    const tooMuch = await officer.post(`${API}/grants/${award.id}/close`, {
      outcome: 'completed',
      returnedPence: 1_400_001,
    });
    expect([tooMuch.status, tooMuch.json().errors]).toEqual([
      422,
      [
        {
          field: 'returnedPence',
          message: 'Money paid back cannot be more than the £14,000.00 paid',
        },
      ],
    ]);
    const closed = await officer.post(`${API}/grants/${award.id}/close`, {
      outcome: 'completed',
      returnedPence: 10_000,
      note: '£100 of equipment money was not spent and has been paid back.',
    });
    expect(closed.status).toBe(200);
    expect(closed.json()).toMatchObject({
      id: award.id,
      status: 'closed',
      closedOutcome: 'completed',
      returnedPence: 10_000,
    });
    expect(new Date(closed.json().closedAt).toISOString()).toBe(closed.json().closedAt);

    // budget = committed + uncommitted; committed = paid (net) + due.
    expect((await finance.get(`${API}/rounds/${round.id}/ledger`)).json()).toEqual({
      roundId: round.id,
      budgetPence: 5_000_000,
      committedPence: 1_390_000,
      uncommittedPence: 3_610_000,
      paidPence: 1_390_000,
      returnedPence: 10_000,
      duePence: 0,
      reconciles: true,
    });
    // A closed grant leaves the portfolio, and nothing more can be done to it.
    const live = (await officer.get(`${API}/grants?roundId=${round.id}`)).json();
    expect(live).toEqual([]);
    const closeAgain = await officer.post(`${API}/grants/${award.id}/close`, {
      outcome: 'ended-early',
      returnedPence: 0,
      note: 'Again',
    });
    expect([closeAgain.status, closeAgain.json().code]).toEqual([409, 'grant_not_live']);

    const audit: { action: string }[] = await ctx.dataSource.query(
      `SELECT action FROM audit_events WHERE subject_id = ANY($1::text[]) ORDER BY occurred_at`,
      [[award.id, ...returns.map((r) => r.id)]],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'payment.paid',
        'return.more-information',
        'return.accepted',
        'variation.declined',
        'variation.approved',
        'award.closed',
      ]),
    );
  });

  it('describes every grant route in the OpenAPI document, with who may call it', async () => {
    const doc = (await anonymous.get('/api/docs-json')).json();
    const routes: [string, string, string][] = [
      ['/api/v1/staff/grants', 'get', 'Only for admin, grants-officer, decision-maker, finance'],
      [
        '/api/v1/staff/grants/{awardId}',
        'get',
        'Only for admin, grants-officer, decision-maker, finance',
      ],
      [
        '/api/v1/staff/rounds/{roundId}/ledger',
        'get',
        'Only for admin, grants-officer, decision-maker, finance',
      ],
      ['/api/v1/staff/returns', 'get', 'Only for admin, grants-officer, decision-maker, finance'],
      [
        '/api/v1/staff/payments/due',
        'get',
        'Only for admin, grants-officer, decision-maker, finance',
      ],
      ['/api/v1/staff/payments/{paymentId}/paid', 'post', 'Only for finance, admin'],
      ['/api/v1/staff/returns/{returnId}/review', 'post', 'Only for admin, grants-officer'],
      ['/api/v1/staff/variations/{variationId}/decision', 'post', 'Only for admin, grants-officer'],
      ['/api/v1/staff/grants/{awardId}/close', 'post', 'Only for admin, grants-officer'],
    ];
    for (const [path, method, roles] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ path, roles: op?.responses['403']?.description }).toEqual({ path, roles });
      expect(op.responses['401']).toBeDefined();
      if (method === 'post') expect(op.responses['422']).toBeDefined();
    }
    for (const schema of [
      'PortfolioGrantDto',
      'StaffGrantDetailDto',
      'RoundLedgerDto',
      'ReturnsQueueDto',
      'DuePaymentDto',
      'MarkPaidInputDto',
      'ReviewReturnInputDto',
      'VariationDecisionInputDto',
      'CloseGrantInputDto',
    ])
      expect({ schema, defined: Boolean(doc.components.schemas[schema]) }).toEqual({
        schema,
        defined: true,
      });
    // The grantee API has shapes of its own: these names must not collide with them.
    expect(Object.keys(doc.components.schemas.StaffGrantDetailDto.properties)).toEqual(
      expect.arrayContaining(['summary', 'award', 'payments', 'returns', 'variations', 'duePence']),
    );
  });
});
