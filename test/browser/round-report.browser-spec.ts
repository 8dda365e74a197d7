import { DecisionRecordsService } from '@grants/awards';
import { SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import { Browser, Page } from 'playwright-core';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { collectPageErrors, launchBrowser, newVisitor } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { expectAxeClean, screenshot, signInAsStaff } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

describe('round reports and the fund overview in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let decided: DecidedRound;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    decided = await createDecidedRound(ctx, 'RPB');
    await ctx.get(DecisionRecordsService).publish(decided.round.id, SYSTEM_ACTOR);
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function visitor(): Promise<{ page: Page; errors: string[] }> {
    const { page } = await newVisitor(browser, server.baseUrl);
    return { page, errors: collectPageErrors(page) };
  }

  it('takes finance from the nav to the fund overview and a round report, axe-clean', async () => {
    const { page, errors } = await visitor();
    await signInAsStaff(page, await createStaff(ctx, 'finance'));
    await page.goto('/staff/rounds');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('Reports');
    await expectAxeClean(page);
    await screenshot(page, 'fund-overview');
    await page.getByRole('link', { name: 'Diversion from ASB and Crime round report' }).click();
    expect(await page.locator('h1').textContent()).toBe(
      'Diversion from ASB and Crime: round report',
    );
    expect(await page.locator('#report-summary').textContent()).toContain(
      '1 grant of £15,000.00 was awarded',
    );
    expect(await page.getByRole('img', { name: 'Score distribution' }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'Budget use' }).isVisible()).toBe(true);
    await expectAxeClean(page);
    await screenshot(page, 'round-report');
    // Printed: the report alone, without the service's navigation or the print button.
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });

  it('shows the public report for the Police and Crime Panel, axe-clean', async () => {
    const { page, errors } = await visitor();
    await page.goto(`/rounds/${decided.round.id}/report`);
    expect(await page.locator('h1').textContent()).toBe(
      'Diversion from ASB and Crime: round report',
    );
    expect(
      await page.getByRole('link', { name: `Decision record ${decided.number}` }).count(),
    ).toBe(1);
    await expectAxeClean(page);
    await screenshot(page, 'round-report-public');
    expect(errors).toEqual([]);
  });
});
