import type { TestContext } from '../support/test-context';

/**
 * A return can be sent only once its period is over. Tests over HTTP run the server on the real
 * clock, so a grant accepted today has every period ahead of it: this ends them all yesterday
 * (due dates stay as they were), so the returns can be sent now.
 */
export async function endReturnPeriods(ctx: TestContext, awardId: string): Promise<void> {
  await ctx.dataSource.query(
    `UPDATE monitoring_returns
        SET period_start_on = LEAST(period_start_on, CURRENT_DATE - 2),
            period_end_on = LEAST(period_end_on, CURRENT_DATE - 1)
      WHERE award_id = $1`,
    [awardId],
  );
}
