import { DecisionRecordsService } from '@grants/awards';
import { SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import { Browser, Page } from 'playwright-core';
import { lastSignInCode } from '../factories/application.factory';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { collectPageErrors, launchBrowser, newVisitor } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

describe('decision records and the grant offer in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let decided: DecidedRound;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    decided = await createDecidedRound(ctx, 'DRB');
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

  it('lists the published record and shows it, axe-clean, with its PDF and print button', async () => {
    const { page, errors } = await visitor();
    await page.goto('/decisions');
    await expectAxeClean(page);
    await page.getByRole('link', { name: decided.number }).click();
    expect(await page.locator('h1').textContent()).toBe('Diversion from ASB and Crime grants');
    await expectAxeClean(page);
    await screenshot(page, 'decision-record');
    // The script shows the print button; printing hides the service's header and footer.
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.locator('.govuk-footer').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false);
    expect(await page.locator('table').isVisible()).toBe(true);
    await screenshot(page, 'decision-record-print');
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.request.get(`/decisions/${decided.number}.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(errors).toEqual([]);
  });

  it('shows the applicant their grant offer and takes their acceptance, axe-clean', async () => {
    const { page, errors } = await visitor();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(decided.applicantEmail);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByLabel('Enter the 6-digit code')
      .fill(await lastSignInCode(ctx.dataSource, decided.applicantEmail));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/applications');
    await page.goto(`/applications/${decided.apps[0].id}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'You have been offered a grant of £15,000.00',
    );
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Read your grant offer and its conditions' }).click();
    expect(await page.locator('h1').textContent()).toBe('Your grant offer');
    await expectAxeClean(page);
    await screenshot(page, 'grant-offer');

    // Accepting: a refusal names every field, then the form goes through.
    await page.getByRole('button', { name: 'Accept the grant' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the full name of the person accepting',
    );
    await expectAxeClean(page);
    await page.getByLabel('Full name').fill('Priya Shah');
    await page.getByLabel('Role in the organisation').fill('Chair of trustees');
    await page
      .getByLabel('I can accept grants for this organisation, and it accepts the conditions above')
      .check();
    await page.getByRole('button', { name: 'Accept the grant' }).click();
    await page.waitForURL((url) => url.search === '?done=accepted');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'You have accepted the grant',
    );
    expect(await page.locator('main').textContent()).toContain(
      'Accepted by Priya Shah, Chair of trustees on',
    );
    expect(await page.getByRole('button', { name: 'Accept the grant' }).count()).toBe(0);
    await expectAxeClean(page);
    await screenshot(page, 'grant-offer-accepted');
    await page.goto(`/applications/${decided.apps[2].id}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'The panel found the outcomes hard to measure.',
    );
    await expectAxeClean(page);
    expect(errors).toEqual([]);
  });
});
