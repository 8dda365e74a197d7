import { AllocationsModule } from '@grants/allocations';
import { jest } from '@jest/globals';
import { createSpentAllocation, SpentAllocation } from '../factories/allocation-spend.factory';
import { createStaff } from '../factories/staff.factory';
import { createTestContext, TestContext } from '../support/test-context';
import { BrowserVisits, expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('the allocation report and the allocations’ public record in a browser', () => {
  let ctx: TestContext;
  const visits = new BrowserVisits();
  let spent: SpentAllocation;

  beforeAll(async () => {
    ctx = await createTestContext({ modules: [AllocationsModule] });
    spent = await createSpentAllocation(ctx);
    await visits.start();
  }, 180_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  it('reads the report from the plan, publishes the record and reads it, axe-clean', async () => {
    const { page, pageErrors } = await visits.staffVisitor(
      await createStaff(ctx, 'grants-officer'),
    );
    await page.goto(`/staff/rounds/${spent.round.id}/allocation`);
    await page.locator('#report-link').click();
    await page.waitForURL('**/allocation/report');
    await expect(page.locator('#spend-total').innerText()).resolves.toContain('£500,000.00');
    // The chart is an image with a name and a description, not a set of shapes to read out.
    const chart = page.getByRole('img', { name: 'Allocated, approved and paid by partner' });
    await expect(chart.count()).resolves.toBe(1);
    await expect(page.locator('#chart-spend-table tbody tr').count()).resolves.toBe(4);
    await expectAxeClean(page);
    await screenshot(page, 'allocation-report');

    await page.goto(`/staff/rounds/${spent.round.id}/allocation`);
    await page.locator('#publish-record').click();
    await page.waitForURL('**/allocation?done=record-published');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'read the public record' }).click();
    await page.waitForURL(`**/decisions/${spent.recordNumber}`);
    await expect(page.locator('#allocations tbody tr').count()).resolves.toBe(5);
    await expect(page.locator('#projects tbody tr').count()).resolves.toBe(4);
    await expectAxeClean(page);
    await screenshot(page, 'allocation-decision-record');
    expect(pageErrors).toEqual([]);
  });
});
