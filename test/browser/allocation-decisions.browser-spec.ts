import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  AllocationPartner,
  createOpenAllocationRound,
  createPartner,
  DECISION_COUNCILS,
  publishPlan,
  seedProject,
} from '../factories/allocation-decisions.factory';
import { lastSignInCode } from '../factories/application.factory';
import { CRF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { collectPageErrors, launchBrowser, newVisitor, submitWith } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { errorSummaryLinks, expectAxeClean, screenshot, signInAsStaff } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

/** Each row of a table as its cells' text. */
function rowsOf(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim())),
    );
}

/**
 * The decision maker in a browser: approves one of Hull's projects (after asking for more than
 * it did), declines the other, and releases the unspent allocation; then Hull's member reads
 * what is left. The plan is published through the API first (its own pages have their own test).
 */
describe('the decision maker’s allocation pages, in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let round: GrantRound;
  let hull: AllocationPartner;
  let decider: StaffUser;
  let anpr: string;
  let bystander: string;

  async function visitor(): Promise<{ page: Page; pageErrors: string[] }> {
    const { context, page } = await newVisitor(browser, server.baseUrl);
    contexts.push(context);
    return { page, pageErrors: collectPageErrors(page) };
  }

  async function planIdOf(r: GrantRound): Promise<string> {
    const [plan] = await ctx.dataSource.query(
      `SELECT id FROM allocation_plans WHERE round_id = $1`,
      [r.id],
    );
    return plan.id;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    round = await createOpenAllocationRound(ctx);
    const councils: AllocationPartner[] = [];
    for (const c of DECISION_COUNCILS) councils.push(await createPartner(ctx, c.name));
    hull = councils[0];
    server = await startServer({ env: { SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' } });
    await publishPlan(ctx, server.baseUrl, round, councils);
    anpr = await seedProject(ctx, round, hull, 2_500_000, 'ANPR camera for Princes Quay car park');
    bystander = await seedProject(ctx, round, hull, 1_500_000, 'Peer-led bystander programme');
    decider = await createStaff(ctx, 'decision-maker');
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  it('approves one project, declines another and releases the rest, axe-clean throughout', async () => {
    const { page, pageErrors } = await visitor();
    await signInAsStaff(page, decider);
    await page.goto(`/staff/rounds/${round.id}/allocation`);
    await submitWith(
      page,
      page.getByRole('link', { name: 'Partners’ projects, approvals and releases' }),
    );
    expect(await page.locator('h1').textContent()).toBe('Partners’ projects');
    await expect(rowsOf(page, '#partners')).resolves.toEqual([
      ['Hull City Council', ...'40,000 40,000 40,000 0 0 0 40,000'.split(' ').map(pounds)],
      ['East Riding of Yorkshire Council', ...'30,000 0 0 0 0 0 30,000'.split(' ').map(pounds)],
      ['North Lincolnshire Council', ...'20,000 0 0 0 0 0 20,000'.split(' ').map(pounds)],
      ['North East Lincolnshire Council', ...'10,000 0 0 0 0 0 10,000'.split(' ').map(pounds)],
      ['Total', ...'100,000 40,000 40,000 0 0 0 100,000'.split(' ').map(pounds)],
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'allocation-projects');

    // Approve: first more than was asked for, then less, with a note.
    const [anprRef, bystanderRef] = await page
      .locator('#partner-1-table tbody tr td:first-child a')
      .allTextContents();
    await submitWith(page, page.getByRole('link', { name: `Approve or decline ${anprRef}` }));
    expect(await page.locator('h1').textContent()).toBe('ANPR camera for Princes Quay car park');
    await expect(page.locator('#amount').inputValue()).resolves.toBe('25,000.00');
    await expectAxeClean(page);
    await screenshot(page, 'allocation-project-decide');
    await page.locator('#amount').fill('30,000');
    await submitWith(page, page.getByRole('button', { name: 'Approve the project' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter an amount from 1 penny to the £25,000.00 asked for', href: '#amount' },
    ]);
    await expectAxeClean(page);
    await page.locator('#amount').fill('20,000');
    await page.locator('#note').fill('Camera only; the signage comes from the council’s budget.');
    await submitWith(page, page.getByRole('button', { name: 'Approve the project' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      `${anprRef} approved: £20,000.00 offered to Hull City Council`,
    );
    await expectAxeClean(page);

    // Decline: a reason is needed, and is sent.
    await submitWith(page, page.getByRole('link', { name: `Approve or decline ${bystanderRef}` }));
    await submitWith(page, page.getByRole('button', { name: 'Decline the project' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      {
        text: 'Enter the reason the partner will read for declining the project',
        href: '#reason',
      },
    ]);
    await expectAxeClean(page);
    await page
      .locator('#reason')
      .fill('The Violence Reduction Network already funds this programme in Hull.');
    await submitWith(page, page.getByRole('button', { name: 'Decline the project' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      `${bystanderRef} declined`,
    );
    await expect(rowsOf(page, '#partner-1-table')).resolves.toEqual([
      [
        anprRef,
        'ANPR camera for Princes Quay car park',
        '£25,000.00',
        '£20,000.00',
        expect.stringContaining('Grant offered'),
        '',
      ],
      [bystanderRef, 'Peer-led bystander programme', '£15,000.00', 'None', 'Not funded', ''],
      ['Projects still standing', '£25,000.00', '£20,000.00', '', ''],
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'allocation-projects-decided');

    // Release what every partner has left.
    await submitWith(
      page,
      page.getByRole('link', { name: 'Release unspent allocation back to the pot' }),
    );
    expect(await page.locator('h1').textContent()).toBe('Release unspent allocation');
    for (const c of DECISION_COUNCILS)
      expect(await page.getByLabel(c.name, { exact: true }).isChecked()).toBe(true);
    await expectAxeClean(page);
    await page.locator('#summary').fill('No partner has further projects this year.');
    await page.locator('#declarations').fill('None');
    await screenshot(page, 'allocation-release');
    await submitWith(page, page.getByRole('button', { name: 'Release the unspent allocation' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Unspent allocation released back to the pot',
    );
    await expect(rowsOf(page, '#release-1')).resolves.toEqual([
      ['Hull City Council', '£20,000.00'],
      ['East Riding of Yorkshire Council', '£30,000.00'],
      ['North Lincolnshire Council', '£20,000.00'],
      ['North East Lincolnshire Council', '£10,000.00'],
      ['Total', '£80,000.00'],
    ]);
    await expect(page.locator('#nothing-to-release').innerText()).resolves.toContain(
      'No partner has any unspent allocation left',
    );
    await expectAxeClean(page);
    await screenshot(page, 'allocation-released');
    expect(
      await ctx.dataSource.query(
        `SELECT a.status, c.amount_pence FROM applications a
           LEFT JOIN budget_commitments c ON c.application_id = a.id
          WHERE a.id = ANY($1) ORDER BY a.sequence`,
        [[anpr, bystander]],
      ),
    ).toEqual([
      { status: 'awarded', amount_pence: '2000000' },
      { status: 'unsuccessful', amount_pence: null },
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('shows the partner’s member what it was allocated and what is left, axe-clean', async () => {
    const { page, pageErrors } = await visitor();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(hull.applicant.email);
    await submitWith(page, page.getByRole('button', { name: 'Continue' }));
    await page
      .getByLabel('Enter the 6-digit code')
      .fill(await lastSignInCode(ctx.dataSource, hull.applicant.email));
    await submitWith(page, page.getByRole('button', { name: 'Sign in' }));
    await page.goto('/organisations');
    await submitWith(page, page.getByRole('link', { name: 'Allocations of Hull City Council' }));
    expect(await page.locator('h1').textContent()).toBe('Your allocations');
    const card = page.locator(`#allocation-${await planIdOf(round)}`);
    await expect(card.locator('.govuk-summary-list').innerText()).resolves.toMatch(
      /Allocation\s+£40,000\.00[\s\S]*Approved\s+£20,000\.00[\s\S]*Released back to the pot\s+£20,000\.00[\s\S]*You can still ask for\s+£0\.00/,
    );
    expect(await page.getByRole('link', { name: /Start an application/ }).count()).toBe(0);
    await expect(card.innerText()).resolves.toContain(
      'Hull City Council has nothing left to ask for in this round.',
    );
    await expectAxeClean(page);
    await screenshot(page, 'partner-allocations');
    expect(pageErrors).toEqual([]);
  });
});

/** "40,000" as "£40,000.00". */
function pounds(whole: string): string {
  return `£${whole}.00`;
}
