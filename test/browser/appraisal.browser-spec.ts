import { Application, ApplicationsService } from '@grants/applications';
import { GrantRound } from '@grants/funds';
import { Applicant, StaffUser } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import { jest } from '@jest/globals';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CRF, CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { collectPageErrors, launchBrowser, newVisitor, submitWith } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { errorSummaryLinks, expectAxeClean, screenshot, signInAsStaff } from './page-helpers';
import { pilotInput } from './browser-fixtures';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('appraising applications in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let officer: StaffUser;
  let applicant: Applicant;
  let organisation: Organisation;
  let pilot: GrantRound;
  let diversion: GrantRound;
  const apps: Record<string, Application> = {};
  const contexts: BrowserContext[] = [];

  async function submit(
    round: GrantRound,
    overrides: Parameters<typeof createCompleteDraft>[4] = {},
  ): Promise<Application> {
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, overrides);
    return ctx.get(ApplicationsService).submit(applicant, draft.id);
  }

  /** A pilot application: an area, within the £10,000 an area can receive. */
  function inArea(area: number, projectTitle: string) {
    return {
      areaId: pilot.areas[area].id,
      projectTitle,
      amountRequestedPence: 800_000,
      budgetLines: [
        { item: 'Outreach workers', amountPence: 650_000 },
        { item: 'Activities', amountPence: 150_000 },
      ],
    };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    await createFund(ctx, CRF);
    officer = await createStaff(ctx, 'grants-officer');
    applicant = await createApplicant(ctx, 'sam@braunstone-youth.org.uk');
    organisation = await createOrganisation(ctx, applicant, {
      name: 'Winterton Youth Partnership',
      type: 'community-group',
      charityNumber: '',
      companyNumber: '08123456',
      postcode: 'DN15 9AB',
      town: 'Winterton',
    });
    pilot = await createOpenRound(ctx, CRF.slug, {
      ...pilotInput(),
      opensAt: new Date(Date.now() - 60_000),
      oneApplicationPerArea: true,
    });
    diversion = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    apps.eligible = await submit(pilot, inArea(0, 'Park outreach on Friday evenings'));
    apps.question = await submit(pilot, inArea(1, 'Drug awareness sessions in Bridlington'));
    // A second application for Winterton from the same organisation: an automatic check fails.
    apps.refused = await submit(pilot, inArea(0, 'Football in Winterton park'));
    apps.elsewhere = await submit(diversion, { projectTitle: 'Boxing club, Saturday mornings' });
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function visitor(javaScriptEnabled = true): Promise<Page> {
    const { context, page } = await newVisitor(browser, server.baseUrl, { javaScriptEnabled });
    contexts.push(context);
    return page;
  }

  /** The counts table's rows as [status, count]. */
  function statusCounts(page: Page) {
    return page
      .locator('#by-status tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.querySelector('th')?.textContent?.trim(),
          r.querySelector('td')?.textContent?.trim(),
        ]),
      );
  }

  async function openFromQueue(page: Page, application: Application) {
    await page.getByRole('link', { name: application.reference!, exact: true }).click();
    await page.waitForURL(`**/staff/applications/${application.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(application.projectTitle);
    await expectAxeClean(page);
  }

  it('works through the queue: eligible, more information, not eligible; the counts follow', async () => {
    const page = await visitor();
    const pageErrors = collectPageErrors(page);
    await signInAsStaff(page, officer);

    // The round's bulk view before: three waiting.
    await page.goto(`/staff/rounds/${pilot.id}`);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Only one per organisation for each area',
    );
    await expectAxeClean(page);
    await page
      .locator('main')
      .getByRole('link', { name: /^Applications/ })
      .click();
    await page.waitForURL(`**/staff/rounds/${pilot.id}/applications`);
    await expect(statusCounts(page)).resolves.toEqual([
      ['Submitted', '3'],
      ['More information needed', '0'],
      ['Returned for correction', '0'],
      ['Eligible', '0'],
      ['Not eligible', '0'],
      ['Withdrawn', '0'],
      ['Shortlisted for the public vote', '0'],
      ['Not shortlisted', '0'],
      ['Grant offered', '0'],
      ['Not funded', '0'],
      ['All sent', '3'],
    ]);
    await expectAxeClean(page);

    // The queue, from the navigation; every round at first, then the pilot's.
    await page.getByRole('link', { name: 'Applications', exact: true }).first().click();
    await page.waitForURL('**/staff/applications');
    const references = () => page.locator('main tbody th a').allTextContents();
    await expect(references()).resolves.toEqual(
      [apps.eligible, apps.question, apps.refused, apps.elsewhere].map((a) => a.reference),
    );
    await expectAxeClean(page);
    await page.locator('#round').selectOption(pilot.id);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\/staff\/applications\?round=/);
    await expect(references()).resolves.toEqual(
      [apps.eligible, apps.question, apps.refused].map((a) => a.reference),
    );
    await expect(page.locator('main caption').textContent()).resolves.toContain(
      '3 applications awaiting appraisal in Community Response Fund pilot',
    );
    await screenshot(page, 'appraisal-queue');
    const refusedRow = page.locator('tr', { hasText: apps.refused.reference! });
    await expect(refusedRow.locator('.govuk-tag--red').textContent()).resolves.toBe(
      '1 check failed',
    );
    await expect(
      page.locator('tr', { hasText: apps.eligible.reference! }).textContent(),
    ).resolves.toContain('Checks passed');
    // Now the round is chosen, its areas can be.
    await expect(page.locator('#area option').allTextContents()).resolves.toEqual([
      'All areas',
      'Winterton',
      'Bridlington South',
    ]);
    await expectAxeClean(page);
    const queueUrl = page.url();

    // 1. Eligible: the checks, then every checklist item ticked.
    await openFromQueue(page, apps.eligible);
    const main = page.locator('main');
    await expect(main.innerText()).resolves.toContain('GB-COH-08123456');
    const checks = page.locator('.app-checks');
    await expect(checks.locator('.govuk-tag--green').count()).resolves.toBe(7);
    await expect(checks.innerText()).resolves.toContain("Winterton is one of the round's areas");
    // Ticking only some and choosing eligible is refused, on the checklist.
    await page.locator('input[name="confirmed"]').first().check();
    await page.getByLabel('Eligible', { exact: true }).check();
    await submitWith(page, page.getByRole('button', { name: 'Record outcome' }));
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: expect.stringContaining('Confirm every checklist item'), href: '#confirmed' },
    ]);
    await expectAxeClean(page);
    for (const box of await page.locator('input[name="confirmed"]').all()) await box.check();
    await page.getByLabel('Eligible', { exact: true }).check();
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(`**/staff/applications/${apps.eligible.id}?done=eligible`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Marked eligible. The applicant has been emailed.',
    );
    await expect(main.locator('.govuk-tag').first().textContent()).resolves.toBe('Eligible');
    await expect(main.innerText()).resolves.toContain(
      `Application ${apps.eligible.reference} is eligible`,
    );
    await expectAxeClean(page);

    // 2. More information: the question box appears when its radio is chosen.
    await page.goto(queueUrl);
    await openFromQueue(page, apps.question);
    await expect(page.locator('#question').isVisible()).resolves.toBe(false);
    await expect(page.locator('#ineligibleReason').isVisible()).resolves.toBe(false);
    await page.getByLabel('Ask for more information', { exact: true }).check();
    await expect(page.locator('#question').isVisible()).resolves.toBe(true);
    await expect(page.locator('#ineligibleReason').isVisible()).resolves.toBe(false);
    await expectAxeClean(page);
    await screenshot(page, 'appraisal-page');
    await page
      .locator('#question')
      .fill('Please send your safeguarding policy and the name of your DSL.');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(`**/staff/applications/${apps.question.id}?done=more-information`);
    await expect(main.innerText()).resolves.toContain(
      'Please send your safeguarding policy and the name of your DSL.',
    );
    await expectAxeClean(page);

    // 3. Not eligible: the reason is needed, then given.
    await page.goto(queueUrl);
    await expect(references()).resolves.toEqual([apps.refused.reference]);
    await openFromQueue(page, apps.refused);
    await expect(checks.locator('.govuk-tag--red').count()).resolves.toBe(1);
    await expect(checks.innerText()).resolves.toContain(
      `The organisation has already applied for this area: ${apps.eligible.reference}`,
    );
    await page.getByLabel('Not eligible', { exact: true }).check();
    await expect(page.locator('#ineligibleReason').isVisible()).resolves.toBe(true);
    await submitWith(page, page.getByRole('button', { name: 'Record outcome' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      {
        text: 'Enter why the application is not eligible: the applicant is sent this',
        href: '#ineligibleReason',
      },
    ]);
    // The outcome chosen stays chosen, so its box is still open.
    await expect(page.locator('#ineligibleReason').isVisible()).resolves.toBe(true);
    await expectAxeClean(page);
    await screenshot(page, 'appraisal-errors');
    await page.locator('.govuk-error-summary a').first().click();
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('ineligibleReason');
    await page
      .locator('#ineligibleReason')
      .fill(
        'Each organisation can apply once for each area: you have applied for Winterton already.',
      );
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(`**/staff/applications/${apps.refused.id}?done=ineligible`);
    await expect(main.locator('.govuk-tag').first().textContent()).resolves.toBe('Not eligible');
    await expectAxeClean(page);

    // Nothing left waiting in the round, and the bulk view counts the outcomes.
    await page.goto(queueUrl);
    await expect(main.innerText()).resolves.toContain(
      'There are no applications awaiting appraisal',
    );
    await expectAxeClean(page);
    await page.goto(`/staff/rounds/${pilot.id}/applications`);
    await expect(statusCounts(page)).resolves.toEqual([
      ['Submitted', '0'],
      ['More information needed', '1'],
      ['Returned for correction', '0'],
      ['Eligible', '1'],
      ['Not eligible', '1'],
      ['Withdrawn', '0'],
      ['Shortlisted for the public vote', '0'],
      ['Not shortlisted', '0'],
      ['Grant offered', '0'],
      ['Not funded', '0'],
      ['All sent', '3'],
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'round-applications');
    expect(pageErrors).toEqual([]);
  });

  it('reopens an application for a correction, asking what to correct', async () => {
    const page = await visitor();
    const pageErrors = collectPageErrors(page);
    await signInAsStaff(page, officer);
    await page.goto(`/staff/applications/${apps.elsewhere.id}`);
    await page.getByRole('button', { name: 'Reopen for a correction' }).click();
    await page.waitForURL(`**/staff/applications/${apps.elsewhere.id}/reopen`);
    await expectAxeClean(page);
    await submitWith(page, page.getByRole('button', { name: 'Reopen application' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter what the applicant needs to correct', href: '#reason' },
    ]);
    await expectAxeClean(page);
    await page.locator('#reason').fill('The budget lines do not add up to the amount requested.');
    await page.getByRole('button', { name: 'Reopen application' }).click();
    await page.waitForURL(`**/staff/applications/${apps.elsewhere.id}?done=reopened`);
    await expect(page.locator('main .govuk-tag').first().textContent()).resolves.toBe(
      'Returned for correction',
    );
    await expectAxeClean(page);
    expect(pageErrors).toEqual([]);
  });

  it('shows every outcome box without JavaScript, and records the one chosen', async () => {
    const page = await visitor(false);
    await signInAsStaff(page, officer);
    const app = await submit(diversion, { projectTitle: 'Street-based youth work' });
    await page.goto(`/staff/applications/${app.id}`);
    // The boxes open under their radios in CSS alone, so this works without scripts too.
    await expect(page.locator('#question').isVisible()).resolves.toBe(false);
    await page.getByLabel('Ask for more information', { exact: true }).check();
    await expect(page.locator('#question').isVisible()).resolves.toBe(true);
    await page.locator('#question').fill('Which ward will the youth work cover?');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(`**/staff/applications/${app.id}?done=more-information`);
  });
});
