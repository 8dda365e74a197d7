import { ApplicationDecision, DecisionPackageService } from '@grants/awards';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundBudgetService } from '@grants/funds';
import { createOpenRound } from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createTestContext, TestContext } from '../support/test-context';

const BUDGET_PENCE = 10_000_000; // £100,000
const REQUEST_PENCE = 500_000; // £5,000
const APPLICATIONS = 50;
const RUNS = 100;

/**
 * The requirement: 50 approvals of £5,000 at the same moment against a £100,000 budget
 * give exactly 20 approvals, every run, a hundred runs over. Each approval commits its money
 * under the round's row lock, so the approvals queue there and each one sees every commitment
 * before it. A run takes well under a second: its round comes from the service, its 50
 * applications and package from a few SQL statements.
 */
describe('budget commitments under concurrent approvals', () => {
  let ctx: TestContext;
  let packages: DecisionPackageService;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    packages = ctx.get(DecisionPackageService);
  }, 120_000);
  afterAll(() => ctx?.close());

  /**
   * A scored round whose 50 eligible applications all sit, recommended, in a submitted package.
   * The package is written with SQL: RecommendationService.submit (rightly) refuses a package
   * over the money available, and the race guard under test does not depend on how the package
   * was made, only on the approvals that follow. The applications are real rows all the same.
   */
  async function roundInRace(
    run: number,
  ): Promise<{ round: GrantRound; applicationIds: string[] }> {
    const round = await createOpenRound(ctx, CSF.slug, {
      code: `RACE${run}`,
      title: `Race ${run}`,
      budgetContributions: [
        { sourceName: "Commissioner's Safety Fund", amountPence: BUDGET_PENCE },
      ],
    });
    const [{ id: organisationId }]: { id: string }[] = await ctx.dataSource.query(
      `INSERT INTO organisations (name, type, charity_number)
       VALUES ($1, 'charity', '1123456') RETURNING id`,
      [`Race ${run} Youth Trust`],
    );
    const applications: { id: string }[] = await ctx.dataSource.query(
      `INSERT INTO applications (round_id, organisation_id, created_by_id, status, reference, sequence,
         project_title, amount_requested_pence, first_submitted_at, submitted_at)
       SELECT $1, $2, gen_random_uuid(), 'eligible', $3 || lpad(i::text, 4, '0'), i,
         'Project ' || i, $4, now(), now()
       FROM generate_series(1, $5::int) AS i
       RETURNING id`,
      [round.id, organisationId, `CSF-RACE${run}-`, REQUEST_PENCE, APPLICATIONS],
    );
    await ctx.dataSource.query(
      `INSERT INTO round_recommendations (round_id, threshold_bp, status, submitted_at)
       VALUES ($1, 7000, 'submitted', now())`,
      [round.id],
    );
    await ctx.dataSource.query(
      `INSERT INTO recommendation_items (application_id, round_id, rank, percentage, band,
         amount_requested_pence, recommended)
       SELECT a.id, a.round_id, a.sequence, '80.00', 'recommend', a.amount_requested_pence, true
       FROM applications a WHERE a.round_id = $1`,
      [round.id],
    );
    return { round, applicationIds: applications.map((a) => a.id) };
  }

  it('the database pool lets the approvals really run at once', () => {
    // Ten connections: up to ten transactions wait on the round's lock together, so the lock,
    // not a pool of one, is what serialises them.
    const pool = (ctx.dataSource.driver as unknown as { master: { options: { max: number } } })
      .master;
    expect(pool.options.max).toBeGreaterThanOrEqual(10);
  });

  for (let run = 1; run <= RUNS; run += 1) {
    it(`run ${run}: 50 concurrent £5,000 approvals against £100,000 → exactly 20`, async () => {
      const { round, applicationIds } = await roundInRace(run);
      const results = await Promise.allSettled(
        applicationIds.map((id) => packages.approve(round.id, id, {}, SYSTEM_ACTOR)),
      );
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(20);
      expect(rejected).toHaveLength(30);
      expect(rejected.map((r) => (r.reason as { code?: string }).code)).toEqual(
        Array(30).fill('budget_exceeded'),
      );
      expect(await ctx.get(RoundBudgetService).summary(round.id)).toEqual({
        budgetPence: BUDGET_PENCE,
        committedPence: BUDGET_PENCE,
        availablePence: 0,
      });
      expect(
        await ctx.dataSource
          .getRepository(ApplicationDecision)
          .countBy({ roundId: round.id, outcome: 'approved' }),
      ).toBe(20);
      const [{ commitments }]: { commitments: number }[] = await ctx.dataSource.query(
        `SELECT count(*)::int AS commitments FROM budget_commitments WHERE round_id = $1`,
        [round.id],
      );
      expect(commitments).toBe(20);
      const view = await packages.view(round.id);
      expect([view.approvedCount, view.approvedPence, view.undecidedCount]).toEqual([
        20,
        BUDGET_PENCE,
        30,
      ]);
    }, 60_000);
  }
});
