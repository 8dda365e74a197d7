import { Application } from '@grants/applications';
import { AssessorAssignment, RoundScoresService } from '@grants/assessment';
import { Award, DecisionPackageService, DecisionRecordsService } from '@grants/awards';
import { BallotsService, ShortlistService, TallyService } from '@grants/ballots';
import { addDays, AuditEvent, JobsService, OutboundEmail, QueueName, ukToday } from '@grants/core';
import { GrantRound, RoundBudgetService } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { GrantViewsService } from '@grants/monitoring';
import {
  CYP_BOXING,
  CYP_DETACHED,
  CYP_GIRLS,
  CYP_HOLIDAYS,
  CYP_ONLINE,
} from '../../apps/server/src/demo/demo-cyp-applications';
import { LIVE_OFFER_REASON } from '../../apps/server/src/demo/demo-live-grants';
import { seedDemo } from '../../apps/server/src/demo/demo-seed';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The demo seed on a real database, through the real services: the Diversion round in scoring
 * with one moderation flag, Children and Young People decided with its record published, the
 * Community Response Fund pilot's vote closed with its winners signed off, the second round's
 * vote open in Winterton with some votes, the awards of both taken on as live grants at every
 * stage, and a second run that changes nothing.
 */
describe('demo seed (real database)', () => {
  let ctx: TestContext;
  let first: Awaited<ReturnType<typeof seedDemo>>;
  /** Round ids by code (the demo's codes are unique across its funds). */
  const ids = new Map<string, string>();
  const roundId = (code: string) => ids.get(code)!;

  beforeAll(async () => {
    ctx = await createTestContext();
    first = await seedDemo(ctx.app);
    for (const round of await ctx.dataSource.getRepository(GrantRound).find())
      ids.set(round.code, round.id);
  }, 180_000);
  afterAll(() => ctx?.close());

  it('publishes the Children and Young People decision: five awards, £49,049.00', async () => {
    const cyp = roundId('CYP');
    expect(first.rounds.find((r) => r.id === cyp)!.status).toBe('closed');
    const record = await ctx.get(DecisionRecordsService).publishedByNumber('DR-2022-001');
    expect(record).toMatchObject({
      roundId: cyp,
      number: 'DR-2022-001',
      roundTitle: 'Children and Young People',
      totalAwardedPence: 4_904_900,
      awardsCount: 5,
      declinedCount: 1,
      declarations: 'None',
      signedOffByName: 'Demo Commissioner (decision maker)',
      signedOffAt: new Date('2022-03-24T15:00:00Z'),
      publishedAt: new Date('2022-03-31T08:30:00Z'),
    });
    expect(record.awards).toHaveLength(5);
    expect(record.awards.reduce((sum, a) => sum + a.amountPence, 0)).toBe(4_904_900);

    const applications = await ctx.dataSource.getRepository(Application).findBy({ roundId: cyp });
    expect(applications.map((a) => a.status).sort()).toEqual([
      'awarded',
      'awarded',
      'awarded',
      'awarded',
      'awarded',
      'unsuccessful',
    ]);
    // Four offers accepted since, one still open (see the live grants below).
    const awards = await ctx.dataSource.getRepository(Award).findBy({ roundId: cyp });
    expect(awards.map((a) => a.status).sort()).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'offered',
    ]);
    expect(await ctx.get(RoundBudgetService).summary(cyp)).toEqual({
      budgetPence: 6_000_000,
      committedPence: 4_904_900,
      availablePence: 1_095_100,
    });

    // The decline went with the officer's feedback; one amount was reduced, with its reason.
    const pkg = await ctx.get(DecisionPackageService).view(cyp);
    const declined = pkg.rows.filter((r) => r.decision?.outcome === 'declined');
    expect(declined).toHaveLength(1);
    expect(declined[0].feedback).toMatch(/Violence Reduction Network/);
    const amended = pkg.rows.filter((r) => r.decision?.amountReason);
    expect(amended.map((r) => [r.amountRequestedPence, r.decision!.amountPence])).toEqual([
      [782_900, 732_900],
    ]);
  });

  it('writes one notice per organisation member for each decided application', async () => {
    const emails = await ctx.dataSource
      .getRepository(OutboundEmail)
      .findBy([
        { template: 'applications/award-offered' },
        { template: 'applications/application-unsuccessful' },
      ]);
    // Children and Young People: five awards, two of them to Braunstone Youth Trust, whose two
    // members each get the notice, and one decline. The pilot vote: two winners, four not chosen.
    const count = (template: string) => emails.filter((e) => e.template === template).length;
    expect(count('applications/award-offered')).toBe(7 + 2);
    expect(count('applications/application-unsuccessful')).toBe(1 + 4);
  });

  it('leaves Diversion in scoring: assignments, some scores, one application flagged', async () => {
    const div = roundId('DIV');
    const assignments = await ctx.dataSource
      .getRepository(AssessorAssignment)
      .find({ where: { application: { roundId: div } } });
    expect(assignments.map((a) => a.status).sort()).toEqual([
      'accepted',
      'submitted',
      'submitted',
      'submitted',
    ]);
    const scores = await ctx.get(RoundScoresService).forRound(div);
    const flagged = scores.filter((s) => s.flagged);
    expect(flagged.map((s) => [s.projectTitle, s.needsModeration])).toEqual([
      ['Friday night football in Braunstone', true],
    ]);
    expect(scores.find((s) => !s.flagged)).toMatchObject({ assessorCount: 1, percentage: '75.00' });
  });

  it('closes the pilot vote: a winner per area, the results published, winners signed off', async () => {
    const pilot = roundId('PILOT');
    const ballots = await ctx.get(BallotsService).forRound(pilot);
    expect(ballots.map((b) => [b.area.name, b.status])).toEqual([
      ['Winterton', 'published'],
      ['Bridlington South', 'published'],
    ]);
    const tally = ctx.get(TallyService);
    const counts = await Promise.all(ballots.map((b) => tally.count(b.id)));
    expect(counts.map((c) => c.projects.map((p) => p.votes).sort((a, b) => b - a))).toEqual([
      [9, 5, 3],
      [8, 4, 2],
    ]);
    expect(ballots.map((b) => b.winnerApplicationId)).toEqual(counts.map((c) => c.leaders[0]));

    const record = await ctx.get(DecisionRecordsService).publishedByNumber('DR-2023-001');
    expect(record).toMatchObject({ roundId: pilot, awardsCount: 2, declinedCount: 4 });
    expect(record.awards.map((a) => a.projectTitle).sort()).toEqual([
      'Street Pastors night patrols in the Old Town and harbour',
      'Winterton park outreach and Friday youth club',
    ]);
    for (const award of record.awards) expect(award.amountPence).toBeLessThanOrEqual(1_000_000);
    // One winner's grant is closed since, with £150.00 of it paid back.
    expect(await ctx.get(RoundBudgetService).summary(pilot)).toMatchObject({
      budgetPence: 2_000_000,
      committedPence: record.totalAwardedPence - 15_000,
    });
    const statuses = (await ctx.dataSource.getRepository(Application).findBy({ roundId: pilot }))
      .map((a) => a.status)
      .sort();
    expect(statuses).toEqual([
      'awarded',
      'awarded',
      'ineligible',
      'more-information',
      'unsuccessful',
      'unsuccessful',
      'unsuccessful',
      'unsuccessful',
    ]);
  });

  it('has the second round shortlisted in both areas and voting open in Winterton', async () => {
    const r2 = roundId('R2');
    const { areas } = await ctx.get(ShortlistService).forRound(r2);
    expect(areas.map((a) => [a.area.name, a.entries.length, a.ballot?.status])).toEqual([
      ['Winterton', 3, 'open'],
      ['Bridlington South', 3, 'scheduled'],
    ]);
    const winterton = areas[0].ballot!;
    expect(winterton.opensAt.getTime()).toBeLessThan(Date.now());
    expect(winterton.closesAt.getTime()).toBeGreaterThan(Date.now());
    expect(winterton.postcodeAreas).toEqual(['DN15 9']);
    expect((await ctx.get(TallyService).count(winterton.id)).totalVotes).toBe(6);
    // Its closing job is queued for when it closes.
    const jobs = await ctx.get(JobsService).queue(QueueName.Ballots).getDelayed();
    expect(jobs.map((j) => j.id)).toContainEqual(
      expect.stringMatching(`^ballot-close-${winterton.id}-${winterton.closesAt.getTime()}-`),
    );
    // Each resident got a code and a receipt.
    const receipts = await ctx.dataSource
      .getRepository(OutboundEmail)
      .countBy({ template: 'ballots/vote-receipt' });
    expect(receipts).toBe(17 + 14 + 6);
  });

  it('takes the awards on as live grants at every stage, through the grant services', async () => {
    const now = new Date();
    const today = ukToday(now);
    const views = ctx.get(GrantViewsService);
    const byTitle = async (title: string) => {
      const application = await ctx.dataSource
        .getRepository(Application)
        .findOneByOrFail({ projectTitle: title });
      const award = await ctx.dataSource
        .getRepository(Award)
        .findOneByOrFail({ applicationId: application.id });
      return views.detail(award.id, now);
    };

    // The live offer: its 2022 offer kept open past today, with the reason on the record.
    const holidays = await byTitle(CYP_HOLIDAYS);
    expect(holidays.award.status).toBe('offered');
    expect(holidays.award.offerExpiresOn! > addDays(today, 14)).toBe(true);
    const extended = await ctx.dataSource
      .getRepository(AuditEvent)
      .findBy({ subjectId: holidays.award.id, action: 'award.offer-extended' });
    expect(extended.map((e) => e.reason)).toEqual([LIVE_OFFER_REASON]);

    // The portfolio, worst first: red, amber, no return yet, green (then by reference).
    const portfolio = await views.portfolio({}, now);
    expect(portfolio.map((g) => [g.projectTitle, g.rag, g.ragSource])).toEqual([
      [CYP_GIRLS, 'red', 'officer'],
      [CYP_DETACHED, 'amber', 'officer'],
      ['Street Pastors night patrols in the Old Town and harbour', null, null],
      [CYP_BOXING, null, null],
      [CYP_ONLINE, 'green', 'grantee'],
    ]);

    // Paid in part, its first return due within the week (and reminded).
    const boxing = await byTitle(CYP_BOXING);
    expect(boxing.payments.map((p) => p.status)).toEqual(['paid', 'scheduled']);
    expect(boxing.summary.paidPence).toBe(600_000);
    expect(boxing.summary.nextReturnDueOn! > today).toBe(true);
    expect(boxing.summary.nextReturnDueOn! <= addDays(today, 7)).toBe(true);

    // Accepted, nothing paid: the project starts soon.
    const patrols = await byTitle('Street Pastors night patrols in the Old Town and harbour');
    expect(patrols.summary.paidPence).toBe(0);
    expect(patrols.award.plannedStartOn! > today).toBe(true);
    expect(patrols.payments.map((p) => p.status)).toEqual(['due', 'scheduled']);

    // Amber after the officer's question, return 2 overdue; red with a question to answer.
    const detached = await byTitle(CYP_DETACHED);
    expect(detached.returns.map((r) => r.status)).toEqual(['accepted', 'due', 'due', 'due']);
    expect(detached.summary.overdueReturns).toBe(1);
    expect(detached.returns[0].question).toMatch(/youth worker post/);
    const girls = await byTitle(CYP_GIRLS);
    expect(girls.returns.map((r) => [r.status, r.officerRag])).toEqual([
      ['accepted', 'green'],
      ['more-information', 'red'],
      ['due', null],
      ['due', null],
    ]);

    // A variation approved: two months longer; return 2 waits for the officer.
    const online = await byTitle(CYP_ONLINE);
    expect(online.variations.map((v) => v.status)).toEqual(['approved']);
    expect(online.award.plannedEndOn).toBe(online.variations[0].newEndOn);
    expect(online.payments.map((p) => p.status)).toEqual(['paid', 'paid']);
    const queue = await views.returnsQueue(now);
    expect(queue.toReview.map((r) => [r.reference, r.sequence])).toEqual([
      [online.summary.reference, 2],
    ]);
    expect(queue.overdue.map((r) => [r.reference, r.sequence])).toEqual([
      [detached.summary.reference, 2],
    ]);

    // Closed: completed, final report accepted, £150.00 paid back.
    const park = await byTitle('Winterton park outreach and Friday youth club');
    expect([park.award.status, park.award.closedOutcome, park.award.returnedPence]).toEqual([
      'closed',
      'completed',
      15_000,
    ]);
    expect(park.returns.map((r) => r.status)).toEqual(Array(4).fill('accepted'));

    // Both rounds' money reconciles.
    for (const code of ['CYP', 'PILOT'])
      expect((await views.roundLedger(roundId(code))).reconciles).toBe(true);

    // The demo applicant sees her trust's live grants.
    const priya = await ctx.dataSource
      .getRepository(Applicant)
      .findOneByOrFail({ email: 'priya.shah@example.org.uk' });
    const hers = await views.forApplicant(priya, now);
    expect(
      hers
        .filter((g) => g.status === 'accepted')
        .map((g) => g.projectTitle)
        .sort(),
    ).toEqual([CYP_DETACHED, CYP_ONLINE].sort());

    // The reminders due today went once: return due soon, return overdue.
    const reminders: { kind: string; application_id: string }[] = await ctx.dataSource.query(
      `SELECT kind, application_id FROM application_messages WHERE kind IN ('return-reminder', 'return-overdue')`,
    );
    expect(reminders).toEqual(
      expect.arrayContaining([
        { kind: 'return-reminder', application_id: boxing.award.applicationId },
        { kind: 'return-overdue', application_id: detached.award.applicationId },
      ]),
    );
    // Each step went through the services: audited, and noticed to the grantee.
    const accepted = await ctx.dataSource
      .getRepository(AuditEvent)
      .countBy({ action: 'award.accepted' });
    expect(accepted).toBe(6);
    const notices: { kind: string }[] = await ctx.dataSource.query(
      `SELECT kind FROM application_messages WHERE application_id = $1 ORDER BY created_at`,
      [park.award.applicationId],
    );
    expect(notices.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['award-accepted', 'payment-made', 'return-accepted', 'grant-closed']),
    );
  });

  it('changes nothing when run again', async () => {
    const events = await ctx.dataSource.getRepository(AuditEvent).count();
    const again = await seedDemo(ctx.app);
    expect(again.created).toEqual([]);
    expect(await ctx.dataSource.getRepository(AuditEvent).count()).toBe(events);
  }, 120_000);
});
