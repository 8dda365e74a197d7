import { ApplicationsService } from '@grants/applications';
import { RecommendationService, RubricService } from '@grants/assessment';
import { DecisionPackageService, DecisionSignOffService } from '@grants/awards';
import { AwardAcceptanceService } from '@grants/monitoring';
import { OutboundEmail } from '@grants/core';
import { RoundBudgetService } from '@grants/funds';
import { staffActor } from '@grants/identity';
import { createApplicant } from '../factories/application.factory';
import { createFund } from '../factories/round.factory';
import { createScoredRound } from '../factories/scored-round.factory';
import { createStaff } from '../factories/staff.factory';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Sign-off at the edges: an application withdrawn after the package was sent, and a round that
 * publishes scores with its decision.
 */
describe('decision sign-off (service level, real database)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
  }, 60_000);
  afterAll(() => ctx?.close());

  it('leaves out an application withdrawn after approval, giving its money back; scores published when the round says so', async () => {
    const { round, apps, applicant } = await createScoredRound(ctx, {
      code: 'CYP',
      title: 'Children and Young People',
      budgetPence: 6_000_000,
      projects: [
        { projectTitle: 'Youth mentoring in Braunstone', score: 4 },
        { projectTitle: 'Knife crime workshops in schools', score: 4 },
        { projectTitle: 'Girls football in Loughborough', score: 3 },
        { projectTitle: 'Detached youth work in Hinckley', score: 4 },
      ],
    });
    const officer = staffActor(await createStaff(ctx, 'grants-officer'));
    const pcc = staffActor(await createStaff(ctx, 'decision-maker'));
    await ctx.get(RubricService).setPublishScores(round.id, true, officer);
    const recommendations = ctx.get(RecommendationService);
    // £15,000 each: the third moves in by reason, the four together fit £60,000.00.
    await recommendations.setOverride(
      round.id,
      apps[2].id,
      true,
      'Only girls-only provision',
      officer,
    );
    await recommendations.submit(round.id, officer);

    const packages = ctx.get(DecisionPackageService);
    await packages.approve(round.id, apps[0].id, {}, pcc);
    await packages.approve(round.id, apps[1].id, {}, pcc);
    await packages.decline(round.id, apps[2].id, 'Provision already funded by the council', pcc);
    const budget = ctx.get(RoundBudgetService);
    expect((await budget.summary(round.id)).committedPence).toBe(3_000_000);

    await ctx.get(ApplicationsService).withdraw(applicant, apps[1].id, 'Our lead worker left');
    // Withdrawn before anyone decided it: it drops out instead of holding up the sign-off.
    await ctx.get(ApplicationsService).withdraw(applicant, apps[3].id, 'Funded elsewhere');
    expect((await packages.view(round.id)).undecidedCount).toBe(0);
    await expect(packages.approve(round.id, apps[1].id, {}, pcc)).rejects.toMatchObject({
      code: 'application_not_open',
    });

    const record = await ctx
      .get(DecisionSignOffService)
      .signOff(
        round.id,
        { title: 'Children and Young People grants', summary: 'One grant.', declarations: 'None' },
        pcc,
      );
    expect([record.totalAwardedPence, record.awardsCount, record.declinedCount]).toEqual([
      1_500_000, 1, 1,
    ]);
    expect(await budget.summary(round.id)).toEqual({
      budgetPence: 6_000_000,
      committedPence: 1_500_000,
      availablePence: 4_500_000,
    });
    const statuses = await ctx.dataSource.query(
      `SELECT status FROM applications WHERE id = ANY($1) ORDER BY sequence`,
      [apps.map((a) => a.id)],
    );
    expect(statuses.map((s: { status: string }) => s.status)).toEqual([
      'awarded',
      'withdrawn',
      'unsuccessful',
      'withdrawn',
    ]);
    // The notices said whether scores are published; the pages cannot start saying otherwise.
    await expect(
      ctx.get(RubricService).setPublishScores(round.id, false, officer),
    ).rejects.toMatchObject({ code: 'decision_signed_off' });

    const notices = await ctx.dataSource.getRepository(OutboundEmail).find({
      where: [
        { template: 'applications/award-offered' },
        { template: 'applications/application-unsuccessful' },
      ],
      order: { template: 'ASC' },
    });
    expect(notices.map((n) => n.template)).toEqual([
      'applications/application-unsuccessful',
      'applications/award-offered',
    ]);
    const body = (n: OutboundEmail) => String((n.data as { body: string }).body);
    expect(body(notices[0])).toContain('Your application scored 60.00%.');
    expect(body(notices[1])).toContain('Your application scored 80.00%.');
    expect(body(notices[1])).toContain('a grant of £15,000.00 for your project');
  });

  it("takes the organisation's answer to an offer: accepted by a named person, or declined giving the money back", async () => {
    const { round, apps, applicant } = await createScoredRound(ctx, {
      code: 'ACC',
      title: 'Victims and witnesses affected by criminal justice delays',
      budgetPence: 11_100_000,
      projects: [
        { projectTitle: 'Court support volunteers', score: 4 },
        { projectTitle: 'Witness care drop-in', score: 4 },
      ],
    });
    const officer = staffActor(await createStaff(ctx, 'grants-officer'));
    const pcc = staffActor(await createStaff(ctx, 'decision-maker'));
    await ctx.get(RecommendationService).submit(round.id, officer);
    const packages = ctx.get(DecisionPackageService);
    for (const app of apps) await packages.approve(round.id, app.id, {}, pcc);
    await ctx
      .get(DecisionSignOffService)
      .signOff(
        round.id,
        { title: 'Victims grants', summary: 'Two grants.', declarations: 'None' },
        pcc,
      );
    const budget = ctx.get(RoundBudgetService);
    expect((await budget.summary(round.id)).committedPence).toBe(3_000_000);

    const acceptance = ctx.get(AwardAcceptanceService);
    await expect(
      acceptance.accept(applicant, apps[0].id, { name: ' ', role: '', confirmed: false }),
    ).rejects.toMatchObject({
      errors: [{ field: 'name' }, { field: 'role' }, { field: 'confirmed' }],
    });
    const stranger = await createApplicant(ctx);
    await expect(
      acceptance.accept(stranger, apps[0].id, { name: 'A', role: 'B', confirmed: true }),
    ).rejects.toMatchObject({ status: 404 });
    const accepted = await acceptance.accept(applicant, apps[0].id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    expect([accepted.status, accepted.answeredByName, accepted.answeredByRole]).toEqual([
      'accepted',
      'Priya Shah',
      'Chair of trustees',
    ]);
    await expect(
      acceptance.decline(applicant, apps[0].id, 'Changed our mind'),
    ).rejects.toMatchObject({
      code: 'invalid_transition',
    });

    await expect(acceptance.decline(applicant, apps[1].id, '')).rejects.toMatchObject({
      errors: [{ field: 'reason' }],
    });
    const declined = await acceptance.decline(applicant, apps[1].id, 'Our volunteer lead has left');
    expect([declined.status, declined.declineReason]).toEqual([
      'declined',
      'Our volunteer lead has left',
    ]);
    // The declined grant's money goes back to the round.
    expect((await budget.summary(round.id)).committedPence).toBe(1_500_000);
    const kinds = await ctx.dataSource.query(
      `SELECT kind FROM application_messages WHERE application_id = ANY($1) AND kind LIKE 'award-%' ORDER BY kind`,
      [apps.map((a) => a.id)],
    );
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual([
      'award-accepted',
      'award-declined',
      'award-offered',
      'award-offered',
    ]);
  });
});
