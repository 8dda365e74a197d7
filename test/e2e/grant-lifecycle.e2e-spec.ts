import { Award } from '@grants/awards';
import { addDays, Clock, ukToday } from '@grants/core';
import { RoundBudgetService } from '@grants/funds';
import { Applicant, staffActor } from '@grants/identity';
import {
  AwardAcceptanceService,
  AwardClosureService,
  AwardVariationsService,
  GrantPaymentsService,
  GrantRemindersService,
  GrantViewsService,
  MonitoringReturnsService,
  ReturnAnswers,
} from '@grants/monitoring';
import { createDecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { createTestContext, TestContext } from '../support/test-context';

/*
 * The "done means" for grant management: one award from offer to closure, with the
 * clock stood at each step. The dates straddle both clock changes (28 March and 31 October
 * 2027), so "9am UK time" is 08:00 UTC on one side and 09:00 UTC on the other.
 */
const at = (iso: string) => new Date(iso);

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

describe('a grant from offer to closure', () => {
  let ctx: TestContext;
  let clock: Clock;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    clock = ctx.get(Clock);
  }, 120_000);
  afterAll(async () => {
    clock?.freeze(null);
    await ctx?.close();
  });

  async function messages(applicationId: string, kind: string): Promise<string[]> {
    const rows: { subject: string }[] = await ctx.dataSource.query(
      `SELECT subject FROM application_messages WHERE application_id = $1 AND kind = $2 ORDER BY created_at`,
      [applicationId, kind],
    );
    return rows.map((r) => r.subject);
  }

  it('is accepted, paid twice, monitored through three returns and a variation, and closed', async () => {
    const { round, apps, applicantEmail } = await createDecidedRound(ctx, 'LIFE');
    const app = apps[0];
    const signedOff = await ctx.dataSource.manager.findOneByOrFail(Award, {
      applicationId: app.id,
    });
    // The offer is open for 28 UK days from the day it is made.
    expect(signedOff.offerExpiresOn).toBe(addDays(ukToday(signedOff.offeredAt), 28));
    // The round was built (and decided) today; the story runs in 2027, offered on 10 March.
    await ctx.dataSource.query(
      `UPDATE awards SET offered_at = '2027-03-10T10:00:00Z', offer_expires_on = '2027-04-07' WHERE id = $1`,
      [signedOff.id],
    );
    const grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: applicantEmail,
    });
    const officer = staffActor(await createStaff(ctx, 'grants-officer'));
    const finance = staffActor(await createStaff(ctx, 'finance'));
    const reminders = ctx.get(GrantRemindersService);
    const award = await ctx.dataSource.manager.findOneByOrFail(Award, { applicationId: app.id });
    expect([award.status, award.amountPence, award.offerExpiresOn]).toEqual([
      'offered',
      1_500_000,
      '2027-04-07',
    ]);

    // A week before the offer lapses is 31 March, in summer time: 9am is 08:00 UTC.
    expect(await reminders.sweep(at('2027-03-31T07:59:59Z'))).toEqual({ reminders: 0, lapsed: 0 });
    const [first, second] = await Promise.all([
      reminders.sweep(at('2027-03-31T08:00:00Z')),
      reminders.sweep(at('2027-03-31T08:00:00Z')),
    ]);
    expect(first.reminders + second.reminders).toBe(1);
    expect(await reminders.sweep(at('2027-03-31T15:00:00Z'))).toEqual({ reminders: 0, lapsed: 0 });
    expect(await messages(app.id, 'offer-reminder')).toEqual(['Your grant offer ends in 7 days']);

    // The project is planned to start on 1 May and run nine months.
    await ctx.dataSource.query(
      `UPDATE applications SET start_date = '2027-05-01', duration_months = 9 WHERE id = $1`,
      [app.id],
    );
    clock.freeze(at('2027-04-02T12:00:00Z'));
    await ctx.get(AwardAcceptanceService).accept(grantee, app.id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    // Accepted: no more offer reminders, even on the day before it would have lapsed.
    expect(await reminders.sweep(at('2027-04-06T09:00:00Z'))).toEqual({ reminders: 0, lapsed: 0 });

    const views = ctx.get(GrantViewsService);
    let detail = await views.detail(award.id, clock.now());
    expect(detail.award).toMatchObject({
      plannedStartOn: '2027-05-01',
      plannedEndOn: '2028-01-31',
    });
    expect(detail.payments.map((p) => [p.label, p.amountPence, p.status])).toEqual([
      ['50% on acceptance', 750_000, 'due'],
      ['50% after the mid-point return (return 1)', 750_000, 'scheduled'],
    ]);
    expect(detail.returns.map((r) => [r.kind, r.periodEndOn, r.dueOn])).toEqual([
      ['quarterly', '2027-07-31', '2027-08-14'],
      ['quarterly', '2027-10-31', '2027-11-14'],
      ['final', '2028-01-31', '2028-02-28'],
    ]);

    // Finance pays the first half; the second is not due until the mid-point return is accepted.
    const payments = ctx.get(GrantPaymentsService);
    const [firstPayment, secondPayment] = detail.payments;
    await expect(
      payments.markPaid(finance, firstPayment.id, {
        paidOn: '2027-04-09',
        amountPence: 750_000,
        reference: 'BACS 0409',
      }),
    ).rejects.toMatchObject({ errors: [{ field: 'paidOn' }] });
    await expect(
      payments.markPaid(finance, secondPayment.id, {
        paidOn: '2027-04-02',
        amountPence: 750_000,
        reference: 'BACS 0402',
      }),
    ).rejects.toMatchObject({ code: 'payment_not_due' });
    await payments.markPaid(finance, firstPayment.id, {
      paidOn: '2027-04-02',
      amountPence: 750_000,
      reference: 'BACS 0402',
    });

    // Return 1 is due on 14 August: reminded from 9am BST on 7 August, overdue from 21 August.
    expect((await reminders.sweep(at('2027-08-07T07:59:00Z'))).reminders).toBe(0);
    expect((await reminders.sweep(at('2027-08-07T08:00:00Z'))).reminders).toBe(1);
    expect((await reminders.sweep(at('2027-08-14T12:00:00Z'))).reminders).toBe(0);
    expect((await reminders.sweep(at('2027-08-21T08:00:00Z'))).reminders).toBe(1);
    expect((await reminders.sweep(at('2027-08-22T08:00:00Z'))).reminders).toBe(0);
    expect(await views.returnsQueue(at('2027-08-22T08:00:00Z'))).toMatchObject({
      toReview: [],
      overdue: [{ sequence: 1, reference: app.reference }],
    });

    // Return 1 comes in amber; the officer asks a question; the answer comes; accepted amber.
    clock.freeze(at('2027-08-23T10:00:00Z'));
    const returnsService = ctx.get(MonitoringReturnsService);
    const [return1, return2, finalReport] = detail.returns;
    await expect(
      returnsService.submit(grantee, app.id, return1.id, answers({ rag: 'amber' })),
    ).rejects.toMatchObject({ errors: [{ field: 'ragReason' }] });
    await returnsService.submit(
      grantee,
      app.id,
      return1.id,
      answers({ rag: 'amber', ragReason: 'The hall was closed for three weeks in July.' }),
    );
    await returnsService.review(officer, return1.id, {
      rag: 'amber',
      comment: '',
      outcome: 'more-information',
      question: 'Where did the sessions go while the hall was closed?',
    });
    await expect(
      payments.markPaid(finance, secondPayment.id, {
        paidOn: '2027-08-23',
        amountPence: 750_000,
        reference: 'BACS 0823',
      }),
    ).rejects.toMatchObject({ code: 'payment_not_due' });
    await returnsService.submit(
      grantee,
      app.id,
      return1.id,
      answers({
        rag: 'amber',
        ragReason: 'The hall was closed for three weeks; sessions moved to the school gym.',
      }),
    );
    await returnsService.review(officer, return1.id, {
      rag: 'amber',
      comment: 'Thank you: keep us told about the hall.',
      outcome: 'accept',
      question: '',
    });
    const portfolio = await views.portfolio({ rag: 'amber' }, clock.now());
    expect(portfolio.map((g) => [g.reference, g.rag, g.ragSource, g.paidPence])).toEqual([
      [app.reference, 'amber', 'officer', 750_000],
    ]);

    // A variation: a smaller grant and a later end. The unpaid half shrinks; the final report moves.
    const variations = ctx.get(AwardVariationsService);
    const variation = await variations.request(grantee, app.id, {
      newAmountPence: 1_400_000,
      newEndOn: '2028-03-31',
      budgetChanges: '',
      reason: 'The school gym is free, so venue hire costs less; the hall work delayed the end.',
    });
    await expect(
      variations.request(grantee, app.id, {
        newAmountPence: null,
        newEndOn: null,
        budgetChanges: 'Move £200 from venue to equipment',
        reason: 'Second request',
      }),
    ).rejects.toMatchObject({ code: 'variation_open' });
    await variations.decide(officer, variation.id, true, 'Agreed with the VRN lead.');
    detail = await views.detail(award.id, clock.now());
    expect([detail.award.amountPence, detail.award.plannedEndOn]).toEqual([
      1_400_000,
      '2028-03-31',
    ]);
    expect(detail.payments.map((p) => [p.amountPence, p.status])).toEqual([
      [750_000, 'paid'],
      [650_000, 'due'],
    ]);
    expect(detail.returns[2]).toMatchObject({ periodEndOn: '2028-03-31', dueOn: '2028-04-28' });
    const budget = ctx.get(RoundBudgetService);
    expect((await budget.summary(round.id)).committedPence).toBe(1_400_000);

    await payments.markPaid(finance, secondPayment.id, {
      paidOn: '2027-08-23',
      amountPence: 650_000,
      reference: 'BACS 0823',
    });

    // Return 2 is due 14 November: a week before is 7 November, in winter time (09:00 UTC).
    expect((await reminders.sweep(at('2027-11-07T08:59:59Z'))).reminders).toBe(0);
    expect((await reminders.sweep(at('2027-11-07T09:00:00Z'))).reminders).toBe(1);
    clock.freeze(at('2027-11-10T10:00:00Z'));
    await returnsService.submit(grantee, app.id, return2.id, answers());
    await returnsService.review(officer, return2.id, {
      rag: 'green',
      comment: '',
      outcome: 'accept',
      question: '',
    });
    // Sent before its due day: no overdue notice follows.
    expect((await reminders.sweep(at('2027-11-21T10:00:00Z'))).reminders).toBe(0);

    // Closing as completed waits for the final report.
    const closure = ctx.get(AwardClosureService);
    await expect(
      closure.close(officer, award.id, { outcome: 'completed', returnedPence: 0, note: '' }),
    ).rejects.toMatchObject({ code: 'final_report_outstanding' });
    clock.freeze(at('2028-04-20T10:00:00Z'));
    await returnsService.submit(
      grantee,
      app.id,
      finalReport.id,
      answers({ spendToDatePence: 1_390_000, peopleReached: 61 }),
    );
    await returnsService.review(officer, finalReport.id, {
      rag: 'green',
      comment: 'A good project.',
      outcome: 'accept',
      question: '',
    });
    await expect(
      closure.close(officer, award.id, {
        outcome: 'completed',
        returnedPence: 1_500_000,
        note: '',
      }),
    ).rejects.toMatchObject({ errors: [{ field: 'returned' }] });
    const closed = await closure.close(officer, award.id, {
      outcome: 'completed',
      returnedPence: 10_000,
      note: '£100 of equipment money was not spent and has been paid back.',
    });
    expect([closed.status, closed.closedOutcome, closed.returnedPence]).toEqual([
      'closed',
      'completed',
      10_000,
    ]);

    // The round reconciles: budget = committed + uncommitted; committed = paid (net) + due.
    expect(await views.roundLedger(round.id)).toEqual({
      budgetPence: 5_000_000,
      committedPence: 1_390_000,
      uncommittedPence: 3_610_000,
      paidPence: 1_390_000,
      returnedPence: 10_000,
      duePence: 0,
      reconciles: true,
    });
    // Every reminder went once, and nothing more goes now the grant is closed.
    expect(await reminders.sweep(at('2028-06-01T10:00:00Z'))).toEqual({ reminders: 0, lapsed: 0 });
    expect(await messages(app.id, 'return-reminder')).toEqual([
      'Monitoring return 1 due on 14 August 2027',
      'Monitoring return 2 due on 14 November 2027',
    ]);
    expect(await messages(app.id, 'return-overdue')).toEqual(['Monitoring return 1 is overdue']);
    expect(await messages(app.id, 'payment-made')).toHaveLength(2);
    const audit: { action: string }[] = await ctx.dataSource.query(
      `SELECT action FROM audit_events WHERE subject_id = ANY($1::text[]) ORDER BY occurred_at, action`,
      [[award.id, return1.id, return2.id, finalReport.id]],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'award.accepted',
        'payment.paid',
        'return.submitted',
        'return.more-information',
        'return.accepted',
        'variation.requested',
        'variation.approved',
        'award.closed',
      ]),
    );
  });

  it('lapses an offer nobody accepted at the end of its last UK day, and gives the money back', async () => {
    clock.freeze(null);
    const { round, apps, applicantEmail } = await createDecidedRound(ctx, 'LAPSE');
    // Offered on 20 September 2027: 28 days on, the last day is 18 October (BST).
    await ctx.dataSource.query(
      `UPDATE awards SET offered_at = '2027-09-20T10:00:00Z', offer_expires_on = '2027-10-18' WHERE application_id = $1`,
      [apps[0].id],
    );
    const grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: applicantEmail,
    });
    const award = await ctx.dataSource.manager.findOneByOrFail(Award, {
      applicationId: apps[0].id,
    });
    // It lapses at midnight UK time at the end of 18 October: 23:00 UTC.
    expect(award.offerExpiresOn).toBe('2027-10-18');
    const reminders = ctx.get(GrantRemindersService);
    expect((await reminders.sweep(at('2027-10-17T08:00:00Z'))).reminders).toBe(1);
    expect(await reminders.sweep(at('2027-10-18T22:59:59Z'))).toEqual({ reminders: 0, lapsed: 0 });

    // After the last day, before the sweep: accepting is refused all the same.
    clock.freeze(at('2027-10-18T23:00:00Z'));
    await expect(
      ctx
        .get(AwardAcceptanceService)
        .accept(grantee, apps[0].id, { name: 'A Person', role: 'Treasurer', confirmed: true }),
    ).rejects.toMatchObject({ code: 'offer_lapsed', status: 409 });

    const [one, two] = await Promise.all([
      reminders.sweep(at('2027-10-18T23:00:00Z')),
      reminders.sweep(at('2027-10-18T23:00:00Z')),
    ]);
    expect(one.lapsed + two.lapsed).toBe(1);
    const lapsed = await ctx.dataSource.manager.findOneByOrFail(Award, { id: award.id });
    expect(lapsed.status).toBe('expired');
    expect((await ctx.get(RoundBudgetService).summary(round.id)).committedPence).toBe(0);
    expect(await messages(apps[0].id, 'offer-reminder')).toEqual([
      'Your grant offer ends tomorrow',
    ]);
    expect(await messages(apps[0].id, 'offer-expired')).toEqual(['Your grant offer has lapsed']);
  });

  it('keeps money on the right instalment and refuses what would lose it', async () => {
    clock.freeze(null);
    const { round, apps, applicantEmail } = await createDecidedRound(ctx, 'RULES');
    const app = apps[0];
    const grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: applicantEmail,
    });
    const officer = staffActor(await createStaff(ctx, 'grants-officer'));
    const finance = staffActor(await createStaff(ctx, 'finance'));
    await ctx.dataSource.query(
      `UPDATE applications SET start_date = '2027-05-01', duration_months = 12 WHERE id = $1`,
      [app.id],
    );
    await ctx.dataSource.query(
      `UPDATE awards SET offer_expires_on = '2027-05-01' WHERE application_id = $1`,
      [app.id],
    );
    clock.freeze(at('2027-04-10T10:00:00Z'));
    await ctx
      .get(AwardAcceptanceService)
      .accept(grantee, app.id, { name: 'Sam Ahmed', role: 'Treasurer', confirmed: true });
    const views = ctx.get(GrantViewsService);
    const award = await ctx.dataSource.manager.findOneByOrFail(Award, { applicationId: app.id });
    let detail = await views.detail(award.id, clock.now());
    const [q1, q2, q3, finalReport] = detail.returns;
    expect([q1.periodEndOn, q2.periodEndOn, q3.periodEndOn, finalReport.periodEndOn]).toEqual([
      '2027-07-31',
      '2027-10-31',
      '2028-01-31',
      '2028-04-30',
    ]);

    // A return reports on its period: not before the period's last day.
    const returnsService = ctx.get(MonitoringReturnsService);
    await expect(returnsService.submit(grantee, app.id, q1.id, answers())).rejects.toMatchObject({
      code: 'return_period_not_over',
    });

    // Part of the first half is paid: its balance is due now, numbered after the second half.
    const payments = ctx.get(GrantPaymentsService);
    await payments.markPaid(finance, detail.payments[0].id, {
      paidOn: '2027-04-10',
      amountPence: 500_000,
      reference: 'BACS 0410',
    });
    // An increase goes on the instalment paid last (after return 2), not on the balance due now.
    const variations = ctx.get(AwardVariationsService);
    const more = await variations.request(grantee, app.id, {
      newAmountPence: 1_600_000,
      newEndOn: null,
      budgetChanges: '',
      reason: 'A second coach for the summer sessions.',
    });
    await variations.decide(officer, more.id, true, '');
    detail = await views.detail(award.id, clock.now());
    expect(detail.payments.map((p) => [p.sequence, p.amountPence, p.status])).toEqual([
      [1, 500_000, 'paid'],
      [2, 850_000, 'scheduled'],
      [3, 250_000, 'due'],
    ]);

    // The partners cut their contribution below what is committed: lowering a grant still works.
    await ctx.dataSource.query(
      `UPDATE round_budget_contributions SET amount_pence = 1000000 WHERE round_id = $1`,
      [round.id],
    );
    clock.freeze(at('2027-08-20T10:00:00Z'));
    await expect(
      variations.request(grantee, app.id, {
        newAmountPence: null,
        newEndOn: '2027-08-19',
        budgetChanges: '',
        reason: 'Ended already',
      }),
    ).rejects.toMatchObject({ errors: [{ field: 'newEndOn' }] });
    // Shorter and smaller: the quarters after the new end go, and the second half waits on the final report.
    const shorter = await variations.request(grantee, app.id, {
      newAmountPence: 1_500_000,
      newEndOn: '2027-09-30',
      budgetChanges: '',
      reason: 'The venue closes at the end of September.',
    });
    await variations.decide(officer, shorter.id, true, 'Agreed.');
    detail = await views.detail(award.id, clock.now());
    expect(detail.returns.map((r) => [r.kind, r.periodEndOn, r.dueOn])).toEqual([
      ['quarterly', '2027-07-31', '2027-08-14'],
      ['final', '2027-09-30', '2027-10-28'],
    ]);
    expect(detail.payments.map((p) => [p.amountPence, p.status, p.afterReturnSequence])).toEqual([
      [500_000, 'paid', null],
      [750_000, 'scheduled', finalReport.sequence],
      [250_000, 'due', null],
    ]);
    expect((await ctx.get(RoundBudgetService).summary(round.id)).committedPence).toBe(1_500_000);

    // The final report is accepted, releasing the second half; closing as completed waits for
    // the money the grant is owed.
    await returnsService.submit(grantee, app.id, q1.id, answers());
    await returnsService.review(officer, q1.id, {
      rag: 'green',
      comment: '',
      outcome: 'accept',
      question: '',
    });
    clock.freeze(at('2027-10-01T10:00:00Z'));
    await returnsService.submit(grantee, app.id, finalReport.id, answers());
    await returnsService.review(officer, finalReport.id, {
      rag: 'green',
      comment: '',
      outcome: 'accept',
      question: '',
    });
    const closure = ctx.get(AwardClosureService);
    await expect(
      closure.close(officer, award.id, { outcome: 'completed', returnedPence: 0, note: '' }),
    ).rejects.toMatchObject({ code: 'payments_due' });
    for (const p of (await views.detail(award.id, clock.now())).payments.filter(
      (x) => x.status === 'due',
    ))
      await payments.markPaid(finance, p.id, {
        paidOn: '2027-10-01',
        amountPence: p.amountPence,
        reference: `BACS ${p.sequence}`,
      });
    await closure.close(officer, award.id, { outcome: 'completed', returnedPence: 0, note: '' });
    const ledger = await views.roundLedger(round.id);
    expect([ledger.committedPence, ledger.paidPence, ledger.duePence]).toEqual([
      1_500_000, 1_500_000, 0,
    ]);
    expect(ledger.committedPence).toBe(ledger.paidPence + ledger.duePence);
  });
});
