import { Applicant } from '@grants/identity';
import { AwardAcceptanceService, MonitoringReturn } from '@grants/monitoring';
import { jest } from '@jest/globals';
import { Page } from 'playwright-core';
import { lastSignInCode } from '../factories/application.factory';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { collectPageErrors, submitWith } from '../support/browser';
import { createTestContext, TestContext } from '../support/test-context';
import { BrowserVisits, errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';
import { endReturnPeriods } from '../factories/live-grant.factory';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

/**
 * A grantee in a browser: their grants, the grant, a monitoring return (refused, then sent with
 * an amber status and its reason), and a change request; axe on every page and state.
 */
describe('the grantee’s grant pages, in a browser', () => {
  let ctx: TestContext;
  let decided: DecidedRound;
  const visits = new BrowserVisits();

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    decided = await createDecidedRound(ctx, 'GBR');
    const applicant = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    const accepted = await ctx.get(AwardAcceptanceService).accept(applicant, decided.apps[0].id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    await endReturnPeriods(ctx, accepted.id);
    await visits.start();
  }, 240_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  async function signIn(page: Page, email: string) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await submitWith(page, page.getByRole('button', { name: 'Continue' }));
    await page
      .getByLabel('Enter the 6-digit code')
      .fill(await lastSignInCode(ctx.dataSource, email));
    await submitWith(page, page.getByRole('button', { name: 'Sign in' }));
  }

  it('goes from the grants list to a return and a change request, axe-clean throughout', async () => {
    const page = await visits.visitor();
    const pageErrors = collectPageErrors(page);
    await signIn(page, decided.applicantEmail);
    const heading = () => page.locator('h1').textContent();

    await submitWith(page, page.getByRole('link', { name: 'Your grants' }));
    expect(await heading()).toBe('Your grants');
    await expectAxeClean(page);
    await screenshot(page, 'grantee-grants-list');

    await submitWith(page, page.getByRole('link', { name: 'Boxing club, Saturday mornings' }));
    expect(await heading()).toBe('Boxing club, Saturday mornings');
    expect(await page.getByText('50% on acceptance').count()).toBe(1);
    await expectAxeClean(page);
    await screenshot(page, 'grantee-grant');

    await submitWith(page, page.getByRole('link', { name: /Send the Monitoring return 1/ }));
    expect(await heading()).toBe('Monitoring return 1');
    await expectAxeClean(page);
    await submitWith(page, page.getByRole('button', { name: 'Send the return' }));
    expect((await errorSummaryLinks(page)).map((l) => l.href)).toEqual([
      '#progress',
      '#spendToDate',
      '#peopleReached',
      '#outcomes',
      '#rag',
    ]);
    await expectAxeClean(page);

    await page.locator('#progress').fill('Twelve Saturday sessions ran.');
    await page.locator('#spendToDate').fill('£4,000');
    await page.locator('#peopleReached').fill('38');
    await page.locator('#outcomes').fill('Two young people now volunteer as coaches.');
    await page.getByLabel('Amber: some problems').check();
    await page.locator('#ragReason').fill('The hall closed for a month.');
    await screenshot(page, 'grantee-return');
    await submitWith(page, page.getByRole('button', { name: 'Send the return' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your monitoring return has been sent',
    );
    await expectAxeClean(page);

    await submitWith(page, page.getByRole('link', { name: /Monitoring return 1/ }));
    expect(await page.getByText('What you sent').count()).toBe(1);
    await expectAxeClean(page);
    const saved = await ctx.dataSource.manager.findOneByOrFail(MonitoringReturn, {
      awardId: (
        await ctx.dataSource.query(`SELECT id FROM awards WHERE application_id = $1`, [
          decided.apps[0].id,
        ])
      )[0].id,
      sequence: 1,
    });
    expect([saved.status, saved.granteeRag, saved.granteeRagReason]).toEqual([
      'submitted',
      'amber',
      'The hall closed for a month.',
    ]);

    await page.goto(`/applications/${decided.apps[0].id}/grant`);
    await submitWith(page, page.getByRole('button', { name: 'Request a change' }));
    expect(await heading()).toBe('Request a change to the grant');
    await expectAxeClean(page);
    await page.locator('#newEndOn-day').fill('31');
    await page.locator('#newEndOn-month').fill('2');
    await page.locator('#newEndOn-year').fill('2031');
    await submitWith(page, page.getByRole('button', { name: 'Send the request' }));
    expect((await errorSummaryLinks(page)).map((l) => l.href)).toEqual([
      '#newEndOn-day',
      '#reason',
    ]);
    await expectAxeClean(page);
    await page.locator('#newEndOn-day').fill('');
    await page.locator('#newEndOn-month').fill('');
    await page.locator('#newEndOn-year').fill('');
    await page.locator('#budgetChanges').fill('Move £300 from room hire to coaching');
    await page.locator('#reason').fill('The council now lends us the hall.');
    await submitWith(page, page.getByRole('button', { name: 'Send the request' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your request to change the grant has been sent',
    );
    expect(await page.getByText('Waiting for a decision').count()).toBe(1);
    await expectAxeClean(page);
    expect(pageErrors).toEqual([]);
  });
});
