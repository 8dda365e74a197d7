import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { Page } from 'playwright-core';
import {
  COUNCILS,
  createAllocationRound,
  createCouncils,
  HAND_COMPUTED,
  HUMBERSIDE_CSV,
  INDICATORS,
  POPULATION_ONLY,
  POPULATION_ONLY_CHANGE,
} from '../factories/humberside-allocation.factory';
import { CRF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { submitWith } from '../support/browser';
import { createTestContext, TestContext } from '../support/test-context';
import { BrowserVisits, errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

/** Each row of a table as its cells' text. */
function rowsOf(page: Page, tableId: string): Promise<string[][]> {
  return page
    .locator(`#${tableId} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim())),
    );
}

/** The councils as the partners page lists them (by name), each with its place in COUNCILS. */
const LISTED = COUNCILS.map((name, i) => ({ name, i })).sort((a, b) =>
  a.name.localeCompare(b.name),
);

describe('an officer sharing a pot between the Humberside councils in a browser', () => {
  let ctx: TestContext;
  const visits = new BrowserVisits();
  let round: GrantRound;
  let officer: StaffUser;
  let decider: StaffUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    round = await createAllocationRound(ctx, CRF.slug);
    await createCouncils(ctx);
    officer = await createStaff(ctx, 'grants-officer');
    decider = await createStaff(ctx, 'decision-maker');
    await visits.start();
  }, 180_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  it('sets up the plan, imports the values, tries weights and publishes, axe-clean throughout', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);
    await page.goto(`/staff/rounds/${round.id}`);
    await page.getByRole('link', { name: 'Allocation plan', exact: true }).click();
    await page.waitForURL(`**/staff/rounds/${round.id}/allocation`);
    await expect(page.locator('#pot').inputValue()).resolves.toBe('600,000.00');
    await expectAxeClean(page);
    await screenshot(page, 'allocation-start');

    await page.locator('#pot').fill('500,000');
    await submitWith(page, page.getByRole('button', { name: 'Start the plan' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Allocation plan started',
    );

    // Partners: the four councils, ticked by name.
    await page.getByRole('link', { name: 'Change the partners' }).click();
    await page.waitForURL('**/allocation/partners');
    await expectAxeClean(page);
    await submitWith(page, page.getByRole('button', { name: 'Save partners' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Choose at least one partner', href: '#organisationIds' },
    ]);
    await expectAxeClean(page);
    for (const name of COUNCILS) await page.getByLabel(name, { exact: true }).check();
    await submitWith(page, page.getByRole('button', { name: 'Save partners' }));
    await expect(page.locator('#plan-summary').innerText()).resolves.toContain(COUNCILS[0]);

    // Indicators and weights, one row each.
    await page.getByRole('link', { name: 'Change the indicators and weights' }).click();
    await page.waitForURL('**/allocation/indicators');
    await expectAxeClean(page);
    await screenshot(page, 'allocation-indicators');
    for (const [i, indicator] of INDICATORS.entries()) {
      await page.locator(`#indicators-${i}-label`).fill(indicator.label);
      await page.locator(`#indicators-${i}-key`).fill(indicator.key);
      await page.locator(`#indicators-${i}-weight`).fill(indicator.weight);
    }
    await submitWith(page, page.getByRole('button', { name: 'Save indicators' }));
    await expect(page.locator('#plan-summary').innerText()).resolves.toContain('0 of 12 entered');
    await expect(page.locator('#preview-problem').innerText()).resolves.toContain(
      'Enter a value for every partner and indicator first',
    );

    // Values: a CSV with a mistake, then the right one.
    await page.getByRole('link', { name: 'Change the indicator values' }).click();
    await page.waitForURL('**/allocation/values');
    await expectAxeClean(page);
    await screenshot(page, 'allocation-values');
    await page
      .locator('#csv')
      .fill(
        HUMBERSIDE_CSV.replace(
          'North Lincolnshire Council,crime,14000',
          'North Lincolnshire Council,crime,fourteen thousand',
        ),
      );
    await submitWith(page, page.getByRole('button', { name: 'Import values' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Row 8: “fourteen thousand” is not a number, like 325000 or 23.4', href: '#csv' },
    ]);
    await expect(page.locator('#csv-error').innerText()).resolves.toContain('Nothing was imported');
    await expectAxeClean(page);
    await screenshot(page, 'allocation-csv-errors');
    await page.locator('#csv').fill(HUMBERSIDE_CSV);
    await submitWith(page, page.getByRole('button', { name: 'Import values' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Values imported',
    );
    await expect(rowsOf(page, 'allocations')).resolves.toEqual([
      ...LISTED.map(({ name, i }) => [
        name,
        HAND_COMPUTED[i],
        expect.stringMatching(/%$/),
        'Not applied',
      ]),
      ['Total', '£500,000.00', '', ''],
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'allocation-plan');

    // What if only population counted?
    await page.getByRole('link', { name: 'Try other weights' }).click();
    await page.waitForURL('**/allocation/what-if');
    await expectAxeClean(page);
    await page.getByLabel('Total recorded crime').fill('0');
    await page.getByLabel('Anti-social behaviour incidents').fill('0');
    await submitWith(page, page.getByRole('button', { name: 'Show the allocations' }));
    expect(page.url()).toContain('weight-crime=0');
    const rows = await rowsOf(page, 'allocations');
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ...LISTED.map(({ name, i }) => [
        name,
        HAND_COMPUTED[i],
        POPULATION_ONLY[i],
        POPULATION_ONLY_CHANGE[i],
      ]),
      ['Total', '', '£500,000.00', ''],
    ]);
    const chart = page.getByRole('img', { name: 'Allocation per partner' });
    expect(await chart.isVisible()).toBe(true);
    await expect(chart.locator('desc').textContent()).resolves.toContain(
      `Hull City Council ${POPULATION_ONLY[0]}`,
    );
    await expectAxeClean(page);
    await screenshot(page, 'allocation-what-if');
    // A weight that is not one: its own message, and no figures.
    await page.getByLabel('Population').fill('-1');
    await submitWith(page, page.getByRole('button', { name: 'Show the allocations' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      {
        text: 'The weight of Population must be a whole number from 0 to 1,000,000',
        href: '#weight-population',
      },
    ]);
    expect(await page.locator('#allocations').count()).toBe(0);
    await expectAxeClean(page);

    // The officer prepares; the decision maker publishes (the stored weights, not the ones tried).
    await page.getByRole('link', { name: 'Back to the allocation plan' }).click();
    expect(await page.getByRole('button', { name: 'Publish the allocations' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    const signer = await visits.staffVisitor(decider);
    const signing = signer.page;
    await signing.goto(`/staff/rounds/${round.id}/allocation`);
    await signing.locator('#summary').fill('The pot shared by population, crime and ASB.');
    await signing.locator('#declarations').fill('None');
    await submitWith(signing, signing.getByRole('button', { name: 'Publish the allocations' }));
    await expect(signing.locator('#plan-status').innerText()).resolves.toMatch(
      /Published as decision record DR-\d{4}-\d{3} on /,
    );
    await expect(rowsOf(signing, 'allocations')).resolves.toEqual([
      ...LISTED.map(({ name, i }) => [
        name,
        HAND_COMPUTED[i],
        expect.stringMatching(/%$/),
        'Not applied',
      ]),
      ['Total', '£500,000.00', '', ''],
    ]);
    expect(await signing.getByRole('button', { name: 'Publish the allocations' }).count()).toBe(0);
    expect(await signing.getByRole('link', { name: 'Change the partners' }).count()).toBe(0);
    await expectAxeClean(signing);
    await screenshot(signing, 'allocation-published');
    expect(signer.pageErrors).toEqual([]);
  });
});
