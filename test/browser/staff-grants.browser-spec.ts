import { Application } from '@grants/applications';
import { Award } from '@grants/awards';
import { addDays, ukToday } from '@grants/core';
import { Applicant, StaffUser } from '@grants/identity';
import {
  AwardAcceptanceService,
  AwardVariationsService,
  MonitoringReturnsService,
} from '@grants/monitoring';
import { jest } from '@jest/globals';
import { createDecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { submitWith } from '../support/browser';
import { createTestContext, TestContext } from '../support/test-context';
import { BrowserVisits, errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';
import { endReturnPeriods } from '../factories/live-grant.factory';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('the office managing a grant in a browser', () => {
  let ctx: TestContext;
  const visits = new BrowserVisits();
  let app: Application;
  let award: Award;
  let officer: StaffUser;
  let finance: StaffUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    const decided = await createDecidedRound(ctx, 'GRB');
    app = decided.apps[0];
    await ctx.dataSource.query(
      `UPDATE applications SET start_date = $2, duration_months = 9 WHERE id = $1`,
      [app.id, addDays(ukToday(new Date()), 30)],
    );
    const grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    await ctx.get(AwardAcceptanceService).accept(grantee, app.id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    award = await ctx.dataSource.manager.findOneByOrFail(Award, { applicationId: app.id });
    await endReturnPeriods(ctx, award.id);
    const [first]: { id: string }[] = await ctx.dataSource.query(
      `SELECT id FROM monitoring_returns WHERE award_id = $1 ORDER BY sequence LIMIT 1`,
      [award.id],
    );
    await ctx.get(MonitoringReturnsService).submit(grantee, app.id, first.id, {
      progress: 'Twelve Saturday sessions ran at the boxing club.',
      spendToDatePence: 400_000,
      peopleReached: 38,
      outcomes: 'Attendance is steady.',
      rag: 'amber',
      ragReason: 'The second venue is not booked yet.',
      changesNeeded: '',
    });
    await ctx.get(AwardVariationsService).request(grantee, app.id, {
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £500 from venue hire to coaching',
      reason: 'The council gave us the hall for free.',
    });
    officer = await createStaff(ctx, 'grants-officer');
    finance = await createStaff(ctx, 'finance');
    await visits.start();
  }, 180_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  it('takes finance from the portfolio to recording a payment', async () => {
    const { page, pageErrors } = await visits.staffVisitor(finance);
    await page.goto('/staff/rounds');
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Grants', exact: true })
      .click();
    await page.waitForURL('**/staff/grants');
    await expect(page.locator(`#grant-${app.reference}`).innerText()).resolves.toContain(
      'Amber (self-assessed)',
    );
    await expectAxeClean(page);
    await screenshot(page, 'grants-portfolio');

    // The filters are a GET form.
    await page.locator('#rag').selectOption('red');
    await submitWith(page, page.getByRole('button', { name: 'Apply filters' }));
    expect(page.url()).toContain('rag=red');
    await expect(page.locator('#no-grants').innerText()).resolves.toBe(
      'No live grants match these filters.',
    );
    await expectAxeClean(page);

    await page.goto('/staff/payments');
    await expectAxeClean(page);
    await screenshot(page, 'grants-payments-due');
    await page
      .locator('#payments-due')
      .getByRole('link', { name: app.reference!, exact: true })
      .click();
    await page.waitForURL(`**/staff/grants/${award.id}`);
    await expectAxeClean(page);
    await screenshot(page, 'grant');

    await page.getByRole('link', { name: 'Record payment of 50% on acceptance' }).click();
    await page.waitForURL('**/payments/*');
    await expect(page.locator('#amount').inputValue()).resolves.toBe('7500.00');
    await expectAxeClean(page);
    await submitWith(page, page.getByRole('button', { name: 'Record payment' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter the date the payment was made', href: '#paidOn-day' },
      { text: 'Enter the payment reference', href: '#reference' },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'grant-payment-errors');

    const [year, month, day] = ukToday(new Date()).split('-');
    await page.locator('#paidOn-day').fill(day);
    await page.locator('#paidOn-month').fill(month);
    await page.locator('#paidOn-year').fill(year);
    await page.locator('#reference').fill('BACS 0001');
    await submitWith(page, page.getByRole('button', { name: 'Record payment' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Payment recorded.',
    );
    await expect(page.locator('#payments').innerText()).resolves.toContain('BACS 0001');
    await expectAxeClean(page);
    expect(pageErrors).toEqual([]);
  });

  it('has an officer review a return, decide a change and close the grant', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);
    await page.goto('/staff/returns');
    await expectAxeClean(page);
    await screenshot(page, 'grants-returns');
    await page
      .locator('#to-review')
      .getByRole('link', { name: `Monitoring return 1 for ${app.reference}` })
      .click();
    await page.waitForURL('**/returns/*');
    await expectAxeClean(page);
    await screenshot(page, 'grant-return');

    await page.getByLabel('Ask for more information').check();
    await page.getByLabel('Red: serious problems').check();
    await submitWith(page, page.getByRole('button', { name: 'Save review' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter what the grantee needs to tell you', href: '#question' },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'grant-return-errors');
    await page.getByLabel('Green: on track').check();
    await page.getByLabel('Accept it').check();
    await submitWith(page, page.getByRole('button', { name: 'Save review' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Return accepted.',
    );

    await page.getByRole('link', { name: /^Decide/ }).click();
    await page.waitForURL('**/variations/*');
    await expectAxeClean(page);
    await page.getByLabel('Decline').check();
    await submitWith(page, page.getByRole('button', { name: 'Save decision' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter why the change is declined', href: '#reason' },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'grant-variation-errors');
    await page.locator('#reason').fill('Keep the budget lines as agreed.');
    await submitWith(page, page.getByRole('button', { name: 'Save decision' }));
    await expect(page.locator('#variations').innerText()).resolves.toContain('Declined');

    await page.getByRole('link', { name: 'Close grant' }).click();
    await page.waitForURL('**/close');
    await expectAxeClean(page);
    await page.getByLabel('Ended early').check();
    await submitWith(page, page.getByRole('button', { name: 'Close grant' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Explain why the grant ended early', href: '#note' },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'grant-close-errors');
    await page.locator('#note').fill('The club lost its venue.');
    await submitWith(page, page.getByRole('button', { name: 'Close grant' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Grant closed.',
    );
    await expect(page.locator('#grant-summary').innerText()).resolves.toContain('Ended early');
    await expectAxeClean(page);
    await screenshot(page, 'grant-closed');
    expect(pageErrors).toEqual([]);
  });
});
