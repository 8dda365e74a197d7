import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import {
  AssessmentCriterion,
  AssignmentsService,
  DEFAULT_RUBRIC,
  ModerationService,
  RecommendationService,
  rankByScore,
  RoundScoresService,
  RubricService,
  ScoringService,
} from '@grants/assessment';
import {
  Award,
  DecisionPackageService,
  DecisionRecordsService,
  DecisionSignOffService,
} from '@grants/awards';
import { AuditEvent, OutboundEmail, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundBudgetService } from '@grants/funds';
import { StaffUser, staffActor } from '@grants/identity';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * A round shaped like Diversion from ASB and Crime: 34 eligible applications scored by
 * assessors so that 11 reach 70% or more, 10 score 60-69.99% and 13 fall under 60%.
 */
describe('assessment (service level, real database)', () => {
  let ctx: TestContext;
  let round: GrantRound;
  let applications: Application[];
  let assessors: StaffUser[];
  let criteria: AssessmentCriterion[];
  let rubric: RubricService;
  let assignments: AssignmentsService;
  let scoring: ScoringService;
  const officer = { type: 'staff' as const, id: null, label: 'officer@opcc.test' };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
    rubric = ctx.get(RubricService);
    assignments = ctx.get(AssignmentsService);
    scoring = ctx.get(ScoringService);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const applicant = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, applicant);
    const service = ctx.get(ApplicationsService);
    applications = [];
    for (let i = 0; i < 34; i += 1) {
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, {
        projectTitle: `Diversion project ${i + 1}`,
      });
      await service.submit(applicant, draft.id);
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
    assessors = [];
    for (let i = 0; i < 3; i += 1) assessors.push(await createStaff(ctx, 'assessor'));
  }, 120_000);
  afterAll(() => ctx?.close());

  it('edits the rubric until scoring starts, weights adding up to 100%', async () => {
    await expect(
      rubric.replace(round.id, [{ title: 'Need', guidance: '', maxScore: 5, weight: 90 }], officer),
    ).rejects.toMatchObject({
      errors: [
        { field: 'criteria', message: 'The weights add up to 90%: they must add up to 100%' },
      ],
    });
    criteria = await rubric.ensure(round.id, officer);
    expect(criteria.map((c) => c.weight)).toEqual([25, 25, 20, 15, 15]);
  });

  it('spreads two assessors per application evenly, and freezes the rubric', async () => {
    const made = await assignments.spread(
      round.id,
      2,
      assessors.map((a) => a.id),
      officer,
    );
    expect(made).toBe(68);
    const loads = await ctx.dataSource.query(
      `SELECT assessor_id, count(*)::int AS n FROM assessor_assignments GROUP BY assessor_id ORDER BY n`,
    );
    expect(loads.map((l: { n: number }) => l.n)).toEqual([22, 23, 23]);
    // Spreading again adds nothing: every application already has two.
    expect(
      await assignments.spread(
        round.id,
        2,
        assessors.map((a) => a.id),
        officer,
      ),
    ).toBe(0);
    await expect(rubric.replace(round.id, DEFAULT_RUBRIC, officer)).rejects.toMatchObject({
      code: 'rubric_frozen',
    });
  });

  it('makes the assessor declare before opening, and a conflict removes the assignment', async () => {
    const extra = await createStaff(ctx, 'assessor');
    const [assignment] = await assignments.assign(applications[0].id, [extra.id], officer);
    await expect(scoring.open(assignment.id, extra)).rejects.toMatchObject({
      code: 'declaration_required',
    });
    // Someone else's assignment is not there at all.
    await expect(scoring.open(assignment.id, assessors[0])).rejects.toMatchObject({ status: 404 });
    await expect(
      assignments.declare(assignment.id, extra, { conflict: true }, staffActor(extra)),
    ).rejects.toMatchObject({ errors: [{ field: 'note' }] });
    await assignments.declare(
      assignment.id,
      extra,
      { conflict: true, note: 'I chair its trustees' },
      staffActor(extra),
    );
    await expect(scoring.open(assignment.id, extra)).rejects.toMatchObject({ status: 404 });
    await expect(
      assignments.declare(assignment.id, extra, { conflict: false }, staffActor(extra)),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectId: applications[0].id, action: 'assessment.conflict-declared' }),
    ).toBe(1);
  });

  it('scores, locks on submit, and gives 11 / 10 / 13 in the bands with exact boundaries', async () => {
    const all = (n: number) =>
      criteria.map((c) => ({ criterionId: c.id, score: n, comment: `Scored ${n}` }));
    // [first assessor, second assessor] per application.
    const plan = (i: number): [number, number] => {
      if (i < 10) return [4, 4]; // 80%
      if (i === 10) return [4, 3]; // 80% and 60%: exactly 70%, spread exactly 20 (not flagged)
      if (i < 21) return [3, 3]; // exactly 60%: reserve
      if (i === 33) return [5, 0]; // 50%, 100 points apart: flagged
      return [2, 2]; // 40%
    };
    for (const [i, application] of applications.entries()) {
      const mine = (await assignments.forApplication(application.id)).filter(
        (a) => a.status !== 'conflict',
      );
      expect(mine).toHaveLength(2);
      for (const [k, assignment] of mine.entries()) {
        const assessor = assessors.find((a) => a.id === assignment.assessorId)!;
        const actor = staffActor(assessor);
        await assignments.declare(assignment.id, assessor, { conflict: false }, actor);
        await scoring.save(assignment.id, assessor, all(plan(i)[k]), actor);
        await scoring.submit(assignment.id, assessor, actor);
      }
    }
    const scores = await ctx.get(RoundScoresService).forRound(round.id);
    const count = (band: string) => scores.filter((s) => s.band === band).length;
    expect([count('recommend'), count('reserve'), count('not-recommended')]).toEqual([11, 10, 13]);
    const at = (i: number) => scores.find((s) => s.applicationId === applications[i].id)!;
    expect(at(10)).toMatchObject({
      percentage: '70.00',
      band: 'recommend',
      spreadBp: 2000,
      needsModeration: false,
    });
    expect(at(11)).toMatchObject({ percentage: '60.00', band: 'reserve' });
    expect(at(33)).toMatchObject({
      percentage: '50.00',
      band: 'not-recommended',
      needsModeration: true,
    });
    // Highest first; equal scores by reference.
    const ranked = rankByScore(scores);
    expect(ranked.slice(0, 11).map((s) => s.percentage)).toEqual([
      ...Array(10).fill('80.00'),
      '70.00',
    ]);
    expect(ranked[0].reference < ranked[1].reference).toBe(true);
  });

  it('keeps submitted scores locked until an officer reopens them, with a reason', async () => {
    const [assignment] = (await assignments.forApplication(applications[5].id)).filter(
      (a) => a.status === 'submitted',
    );
    const assessor = assessors.find((a) => a.id === assignment.assessorId)!;
    const change = [{ criterionId: criteria[0].id, score: 1, comment: 'Changed my mind' }];
    await expect(
      scoring.save(assignment.id, assessor, change, staffActor(assessor)),
    ).rejects.toMatchObject({ code: 'scores_locked' });
    await expect(scoring.reopen(assignment.id, '', officer)).rejects.toMatchObject({
      errors: [{ field: 'reason' }],
    });
    await scoring.reopen(assignment.id, 'Scored against the wrong criteria', SYSTEM_ACTOR);
    await scoring.save(assignment.id, assessor, change, staffActor(assessor));
    await expect(
      scoring.save(
        assignment.id,
        assessor,
        [{ criterionId: criteria[0].id, score: 6, comment: '' }],
        staffActor(assessor),
      ),
    ).rejects.toMatchObject({
      errors: [{ message: 'Score Need and evidence with a whole number from 0 to 5' }],
    });
  });

  it('resolves a flagged score by moderation: the agreed score stands, the flag shows as resolved', async () => {
    const moderation = ctx.get(ModerationService);
    await expect(
      moderation.record(applications[33].id, { agreedScoreBp: 10001, note: '' }, officer),
    ).rejects.toMatchObject({ errors: [{ field: 'note' }, { field: 'agreedScore' }] });
    await moderation.record(
      applications[33].id,
      { agreedScoreBp: 6550, note: 'Panel agreed the delivery plan is sound; the need is weaker.' },
      officer,
    );
    const scores = await ctx.get(RoundScoresService).forRound(round.id);
    const flagged = scores.find((s) => s.applicationId === applications[33].id)!;
    expect(flagged).toMatchObject({
      percentage: '65.50',
      assessorsPercentage: '50.00',
      band: 'reserve',
      flagged: true,
      needsModeration: false,
      moderation: { agreedPercentage: '65.50' },
    });
  });

  it('recommends within the budget, with a raised threshold and moves that each need a reason', async () => {
    const recommendations = ctx.get(RecommendationService);
    const first = await recommendations.view(round.id);
    // £100,000 from the fund plus £104,030.33 from the Violence Reduction Network.
    expect(first.budgetPence).toBe(20_403_033);
    // 11 at 70% or more, £15,000 each.
    expect([first.recommendedCount, first.recommendedPence]).toEqual([11, 16_500_000]);
    expect(first.remainingPence).toBe(20_403_033 - 16_500_000);
    expect(first.rows[10]).toMatchObject({
      percentage: '70.00',
      recommended: true,
      cumulativePence: 16_500_000,
      fitsBudget: true,
    });

    await expect(recommendations.setThreshold(round.id, 8000, ' ', officer)).rejects.toMatchObject({
      errors: [{ field: 'reason' }],
    });
    const raised = await recommendations.setThreshold(
      round.id,
      8000,
      'Volume of applications',
      officer,
    );
    expect([raised.recommendedCount, raised.thresholdBp, raised.thresholdReason]).toEqual([
      10,
      8000,
      'Volume of applications',
    ]);

    const reserve = applications[11].id;
    await expect(
      recommendations.setOverride(round.id, reserve, true, '', officer),
    ).rejects.toMatchObject({
      errors: [{ field: 'reason' }],
    });
    const moved = await recommendations.setOverride(
      round.id,
      reserve,
      true,
      'Only project in the north of the county',
      officer,
    );
    expect(moved.rows.find((r) => r.applicationId === reserve)).toMatchObject({
      meetsThreshold: false,
      recommended: true,
    });
    expect(moved.recommendedCount).toBe(11);

    // Over the money: three more moved in (14 × £15,000 = £210,000 > £204,030.33) cannot go.
    for (const i of [12, 13, 14])
      await recommendations.setOverride(
        round.id,
        applications[i].id,
        true,
        'Strong local support',
        officer,
      );
    await expect(recommendations.submit(round.id, officer)).rejects.toMatchObject({
      errors: [
        { message: expect.stringContaining('£5,969.67 over the money available (£204,030.33)') },
      ],
    });
    await recommendations.setOverride(round.id, applications[14].id, null, '', officer);
    const sent = await recommendations.submit(round.id, officer);
    expect([sent.status, sent.recommendedCount, sent.recommendedPence]).toEqual([
      'submitted',
      13,
      19_500_000,
    ]);
    await expect(
      recommendations.setThreshold(round.id, 7000, 'Back again', officer),
    ).rejects.toMatchObject({
      code: 'recommendation_submitted',
    });
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectId: round.id, action: 'recommendation.submitted' }),
    ).toBe(1);
  });

  it('takes the decision: approve, amend, decline within the budget, sign off, one notice each', async () => {
    const packages = ctx.get(DecisionPackageService);
    const commissioner = await createStaff(ctx, 'decision-maker');
    const pcc = staffActor(commissioner);
    const pkg = await packages.view(round.id);
    expect([pkg.status, pkg.rows.length, pkg.undecidedCount]).toEqual(['open', 34, 13]);
    // The package as sent, by rank.
    expect(pkg.rows.slice(0, 10).every((r) => r.percentage === '80.00' && r.recommended)).toBe(
      true,
    );
    const recommended = pkg.rows.filter((r) => r.recommended);
    const notRecommended = pkg.rows.find((r) => !r.recommended)!;
    await expect(
      packages.approve(round.id, notRecommended.applicationId, {}, pcc),
    ).rejects.toMatchObject({ code: 'not_recommended' });
    await ctx
      .get(RecommendationService)
      .setFeedback(
        round.id,
        notRecommended.applicationId,
        'The panel found the outcomes hard to measure.',
        officer,
      );

    // 11 approved at the £15,000 asked for, one amended to £12,500, one declined.
    const [amended, declined, ...approved] = recommended;
    for (const row of approved) await packages.approve(round.id, row.applicationId, {}, pcc);
    await expect(
      packages.approve(round.id, amended.applicationId, { amountPence: 1_250_000 }, pcc),
    ).rejects.toMatchObject({ errors: [{ field: 'amountReason' }] });
    await expect(
      packages.approve(round.id, amended.applicationId, { amountPence: 1_500_001 }, pcc),
    ).rejects.toMatchObject({ errors: [{ field: 'amountPence' }] });
    await packages.approve(
      round.id,
      amended.applicationId,
      { amountPence: 1_250_000, amountReason: 'Equipment line already funded by the council' },
      pcc,
    );
    await expect(
      packages.decline(round.id, declined.applicationId, ' ', pcc),
    ).rejects.toMatchObject({ errors: [{ field: 'reason' }] });
    // Approved first, then declined: its money goes back to the round.
    await packages.approve(round.id, declined.applicationId, {}, pcc);
    await packages.decline(round.id, declined.applicationId, 'Duplicates existing provision', pcc);

    const decided = await packages.view(round.id);
    expect([decided.approvedCount, decided.declinedCount, decided.undecidedCount]).toEqual([
      12, 1, 0,
    ]);
    // 11 × £15,000 + £12,500 = £177,500.00 of £204,030.33, leaving £26,530.33.
    expect(decided.approvedPence).toBe(17_750_000);
    expect(await ctx.get(RoundBudgetService).summary(round.id)).toEqual({
      budgetPence: 20_403_033,
      committedPence: 17_750_000,
      availablePence: 2_653_033,
    });

    const signOff = ctx.get(DecisionSignOffService);
    await expect(
      signOff.signOff(round.id, { title: ' ', summary: '', declarations: '' }, pcc),
    ).rejects.toMatchObject({
      errors: [{ field: 'title' }, { field: 'summary' }, { field: 'declarations' }],
    });
    const record = await signOff.signOff(
      round.id,
      {
        title: 'Diversion from Anti-Social Behaviour and Crime grants',
        summary: 'Grants to 12 projects diverting young people aged 10 to 24 from ASB and crime.',
        declarations: 'None',
      },
      pcc,
    );
    expect(record.number).toMatch(/^DR-\d{4}-001$/);
    expect([record.totalAwardedPence, record.awardsCount, record.declinedCount]).toEqual([
      17_750_000, 12, 22,
    ]);
    await expect(
      signOff.signOff(round.id, { title: 'Again', summary: 'Again', declarations: 'None' }, pcc),
    ).rejects.toMatchObject({ code: 'decision_signed_off' });
    await expect(packages.approve(round.id, declined.applicationId, {}, pcc)).rejects.toMatchObject(
      { code: 'decision_signed_off' },
    );

    const awards = await ctx.dataSource.getRepository(Award).findBy({ roundId: round.id });
    expect(awards).toHaveLength(12);
    expect(awards.every((a) => a.status === 'offered')).toBe(true);
    expect(awards.reduce((sum, a) => sum + a.amountPence, 0)).toBe(17_750_000);
    const statuses = await ctx.dataSource.query(
      `SELECT status, count(*)::int AS n FROM applications WHERE round_id = $1 GROUP BY status ORDER BY status`,
      [round.id],
    );
    expect(statuses).toEqual([
      { status: 'awarded', n: 12 },
      { status: 'unsuccessful', n: 22 },
    ]);

    // One notice per application, to the organisation's one member.
    const emails = await ctx.dataSource.getRepository(OutboundEmail).find({
      where: [
        { template: 'applications/award-offered' },
        { template: 'applications/application-unsuccessful' },
      ],
    });
    const about = (e: OutboundEmail) => String((e.data as { reference: string }).reference);
    expect(emails).toHaveLength(34);
    expect(new Set(emails.map(about)).size).toBe(34);
    const amendedEmail = emails.find((e) => about(e) === amended.reference)!;
    expect(amendedEmail.template).toBe('applications/award-offered');
    expect(String((amendedEmail.data as { body: string }).body)).toContain(
      'a grant of £12,500.00 for your project (you asked for £15,000.00)',
    );
    const feedbackEmail = emails.find((e) => about(e) === notRecommended.reference)!;
    expect(String((feedbackEmail.data as { body: string }).body)).toContain(
      'The panel found the outcomes hard to measure.',
    );
    // The round does not publish scores: no notice mentions one.
    expect(emails.some((e) => /\d%/.test(String((e.data as { body: string }).body)))).toBe(false);

    // Not public until published; then the record lists the awards, largest first.
    const records = ctx.get(DecisionRecordsService);
    await expect(records.publishedByNumber(record.number)).rejects.toMatchObject({ status: 404 });
    const published = await records.publish(round.id, pcc);
    expect(published.awards).toHaveLength(12);
    expect(published.awards[0].amountPence).toBe(1_500_000);
    expect(published.awards.at(-1)).toMatchObject({
      reference: amended.reference,
      amountPence: 1_250_000,
    });
    expect((await records.published()).map((r) => r.number)).toContain(record.number);
  });
});
