import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { AssessmentCriterion, AssignmentsService, RubricService } from '@grants/assessment';
import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import {
  axeViolations,
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newVisitor,
  submitWith,
} from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { TEST_PASSWORD } from './browser-fixtures';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('an assessor scoring in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let assessor: StaffUser;
  let round: GrantRound;
  let criteria: AssessmentCriterion[];
  const apps: Application[] = [];
  const contexts: BrowserContext[] = [];
  const officer = { type: 'staff' as const, id: null, label: 'officer@opcc.test' };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const applicant = await createApplicant(ctx);
    for (const [i, name] of [
      'Winterton Boxing Club',
      'Bridlington South Community Trust',
    ].entries()) {
      const org = await createOrganisation(ctx, applicant, {
        name,
        charityNumber: String(1123456 + i),
      });
      const draft = await createCompleteDraft(ctx, applicant, org.id, round, {
        projectTitle:
          i === 0 ? 'Boxing for young people in Winterton' : 'Bridlington South youth club',
      });
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      apps.push(
        await ctx
          .get(AppraisalService)
          .appraise(
            draft.id,
            { confirmed: round.appraisalChecklist, outcome: 'eligible' },
            officer,
          ),
      );
    }
    criteria = await ctx.get(RubricService).ensure(round.id, officer);
    assessor = await createStaff(ctx, 'assessor');
    for (const app of apps)
      await ctx.get(AssignmentsService).assign(app.id, [assessor.id], officer);
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function expectAxeClean(page: Page) {
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  }

  it('declares, scores two criteria, saves, comes back, finishes, submits; declares a conflict on another', async () => {
    const { context, page } = await newVisitor(browser, server.baseUrl);
    contexts.push(context);
    const pageErrors = collectPageErrors(page);

    await page.goto('/staff/sign-in');
    await page.locator('#email').fill(assessor.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));

    await page.getByRole('link', { name: 'Your assessments' }).click();
    await page.waitForURL('**/assessments');
    expect(await page.locator('h1').textContent()).toBe('Your assessments');
    await expectAxeClean(page);

    // Declares no conflict on the first.
    await page.getByRole('link', { name: apps[0].reference!, exact: true }).click();
    await page.waitForURL('**/declaration');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAxeClean(page);
    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('text=Your scores');
    await expectAxeClean(page);

    // Scores two criteria and saves.
    const [need, delivery] = criteria;
    await page.locator(`#score-${need.id}`).fill('4');
    await page.locator(`#comment-${need.id}`).fill('Clear evidence of need in Winterton');
    await page.locator(`#score-${delivery.id}`).fill('3');
    await page.locator(`#comment-${delivery.id}`).fill('A sound plan; staffing is thin');
    await submitWith(page, page.getByRole('button', { name: 'Save and come back later' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your scores have been saved',
    );
    await expectAxeClean(page);

    // Comes back later from the list: what was saved is there.
    await page.goto('/assessments');
    await page.getByRole('link', { name: apps[0].reference!, exact: true }).click();
    await page.waitForSelector('text=Your scores');
    expect(await page.locator(`#score-${need.id}`).inputValue()).toBe('4');
    expect(await page.locator(`#comment-${delivery.id}`).inputValue()).toBe(
      'A sound plan; staffing is thin',
    );

    // Submitting too early is refused, with the fields marked.
    await submitWith(page, page.getByRole('button', { name: 'Submit scores' }));
    expect(await page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAxeClean(page);

    for (const c of criteria.slice(2)) {
      await page.locator(`#score-${c.id}`).fill('4');
      await page.locator(`#comment-${c.id}`).fill(`Good on ${c.title.toLowerCase()}`);
    }
    await submitWith(page, page.getByRole('button', { name: 'Submit scores' }));
    await page.waitForURL('**/assessments?done=submitted');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Scores submitted',
    );
    expect(
      await page.getByRole('row', { name: new RegExp(apps[0].reference!) }).textContent(),
    ).toContain('Submitted');

    // The submitted scores are read-only.
    await page.getByRole('link', { name: apps[0].reference!, exact: true }).click();
    await page.waitForSelector('text=Submitted on');
    expect(await page.locator(`#score-${need.id}`).count()).toBe(0);
    await expectAxeClean(page);

    // Declares a conflict on the other: the note box appears under "Yes".
    await page.goto('/assessments');
    await page.getByRole('link', { name: apps[1].reference!, exact: true }).click();
    await page.waitForURL('**/declaration');
    expect(await page.locator('#note').isVisible()).toBe(false);
    await page.getByLabel('Yes', { exact: true }).check();
    expect(await page.locator('#note').isVisible()).toBe(true);
    await expectAxeClean(page);
    await page.locator('#note').fill('My sister is a trustee of Bridlington South Community Trust');
    await submitWith(page, page.getByRole('button', { name: 'Continue' }));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Conflict recorded. The grants officer will reassign this application.',
    );
    expect(
      await page.getByRole('row', { name: new RegExp(apps[1].reference!) }).textContent(),
    ).toContain('Conflict declared');
    expect(await page.getByRole('link', { name: apps[1].reference!, exact: true }).count()).toBe(0);
    await expectAxeClean(page);
    expect(pageErrors).toEqual([]);
  });
});
