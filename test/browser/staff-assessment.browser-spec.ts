import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { AssignmentsService, RubricService, ScoringService } from '@grants/assessment';
import { StaffRole, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser, staffActor, StaffUsersService } from '@grants/identity';
import { jest } from '@jest/globals';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { collectPageErrors, launchBrowser, newVisitor, submitWith } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { errorSummaryLinks, expectAxeClean, screenshot, signInAsStaff } from './page-helpers';
import { TEST_PASSWORD } from './browser-fixtures';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('the grants officer assessing a round in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let officer: StaffUser;
  let assessors: StaffUser[];
  let diversion: GrantRound;
  const apps: Application[] = [];
  const contexts: BrowserContext[] = [];

  async function staff(role: StaffRole, displayName: string) {
    return ctx.get(StaffUsersService).create(
      {
        email: `${displayName.toLowerCase().replace(/\W+/g, '.')}@opcc.test`,
        displayName,
        roles: [role],
        password: TEST_PASSWORD,
      },
      SYSTEM_ACTOR,
    );
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    officer = await staff('grants-officer', 'Olivia Officer');
    assessors = [
      await staff('assessor', 'Aisha Patel'),
      await staff('assessor', 'Ben Carter'),
      await staff('assessor', 'Chloe Davies'),
    ];
    const applicant = await createApplicant(ctx, 'sam@braunstone-youth.org.uk');
    const organisation = await createOrganisation(ctx, applicant);
    diversion = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    for (const title of [
      'Boxing club, Saturday mornings',
      'Detached youth work in Braunstone',
      'Mentoring for young people at risk',
    ]) {
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, diversion, {
        projectTitle: title,
      });
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      apps.push(
        await ctx
          .get(AppraisalService)
          .appraise(
            draft.id,
            { confirmed: diversion.appraisalChecklist, outcome: 'eligible' },
            SYSTEM_ACTOR,
          ),
      );
    }
    // The round has closed: the officer reaches the assessment from its summary.
    await ctx.dataSource.query(`UPDATE grant_rounds SET status = 'closed' WHERE id = $1`, [
      diversion.id,
    ]);
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function visitor(): Promise<Page> {
    const { context, page } = await newVisitor(browser, server.baseUrl);
    contexts.push(context);
    return page;
  }

  /** Each assessor scores every criterion of the application the same (out of 5). */
  async function scoreAll(app: Application, scores: number[]) {
    const criteria = await ctx.get(RubricService).criteria(diversion.id);
    const assigned = await ctx.get(AssignmentsService).forApplication(app.id);
    for (const [k, assignment] of assigned.entries()) {
      const assessor = assessors.find((a) => a.id === assignment.assessorId)!;
      const actor = staffActor(assessor);
      await ctx
        .get(AssignmentsService)
        .declare(assignment.id, assessor, { conflict: false }, actor);
      await ctx.get(ScoringService).save(
        assignment.id,
        assessor,
        criteria.map((c) => ({ criterionId: c.id, score: scores[k], comment: 'Scored' })),
        actor,
      );
      await ctx.get(ScoringService).submit(assignment.id, assessor, actor);
    }
  }

  it('sets the rubric, spreads the assessors and reads the scores overview', async () => {
    const page = await visitor();
    const pageErrors = collectPageErrors(page);
    await signInAsStaff(page, officer);

    // From the closed round's summary to its assessment.
    await page.goto(`/staff/rounds/${diversion.id}`);
    await page.locator('main').getByRole('link', { name: 'Assessment', exact: true }).click();
    await page.waitForURL(`**/staff/rounds/${diversion.id}/assessment`);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'No scoring criteria have been set',
    );
    await expectAxeClean(page);

    // The rubric: weights that do not add up, then two that do.
    await page.getByRole('link', { name: 'Set the criteria yourself' }).click();
    await page.waitForURL('**/assessment/rubric');
    await expectAxeClean(page);
    await page.locator('#criteria-0-title').fill('Need and evidence');
    await page.locator('#criteria-0-guidance').fill('Is the need clear, local and evidenced?');
    await page.locator('#criteria-0-maxScore').fill('5');
    await page.locator('#criteria-0-weight').fill('60');
    await page.locator('#criteria-1-title').fill('Delivery plan');
    await page.locator('#criteria-1-maxScore').fill('5');
    await page.locator('#criteria-1-weight').fill('30');
    await submitWith(page, page.getByRole('button', { name: 'Save criteria' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'The weights add up to 90%: they must add up to 100%', href: '#criteria' },
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'As entered, they add up to 90%.',
    );
    await expectAxeClean(page);
    await screenshot(page, 'assessment-rubric-error');
    await page.locator('#criteria-1-weight').fill('40');
    await submitWith(page, page.getByRole('button', { name: 'Save criteria' }));
    await page.waitForURL(`**/staff/rounds/${diversion.id}/assessment?done=rubric`);
    await expect(page.locator('#rubric tbody th').allTextContents()).resolves.toEqual([
      'Need and evidence',
      'Delivery plan',
    ]);
    await expectAxeClean(page);

    // Two assessors per application, shared among three.
    await page.getByRole('link', { name: 'Assessors assigned to applications' }).click();
    await page.waitForURL('**/assessment/assignments');
    await expectAxeClean(page);
    for (const a of assessors) await page.getByLabel(new RegExp(a.displayName)).check();
    await page.locator('#perApplication').fill('2');
    await submitWith(page, page.getByRole('button', { name: 'Assign assessors' }));
    await page.waitForURL('**/assessment/assignments?done=spread&made=6');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      '6 assignments made.',
    );
    await expect(page.locator('#assignments .govuk-tag').count()).resolves.toBe(6);
    await expectAxeClean(page);
    await screenshot(page, 'assessment-assignments');

    // Scores come in: 80%, 50% (too far apart: moderation), 60%.
    await scoreAll(apps[0], [4, 4]);
    await scoreAll(apps[1], [5, 0]);
    await scoreAll(apps[2], [3, 3]);

    await page.goto(`/staff/rounds/${diversion.id}/assessment`);
    await page.getByRole('link', { name: 'Scores overview' }).click();
    await page.waitForURL('**/assessment/scores');
    await expect(page.locator('#band-counts').innerText()).resolves.toBe(
      '1 recommend · 1 reserve · 1 not recommended',
    );
    const chart = page.getByRole('img', { name: 'Applications in each band' });
    await expect(chart.isVisible()).resolves.toBe(true);
    await expect(chart.locator('rect').count()).resolves.toBe(3);
    await expect(
      page
        .locator('#bands tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())),
    ).resolves.toEqual(['Recommend 1', 'Reserve 1', 'Not recommended 1']);
    await expect(page.locator('#scores tbody th').allTextContents()).resolves.toEqual(
      [apps[0], apps[2], apps[1]].map((a) => a.reference),
    );
    const flagged = page.locator('#scores tbody tr', { hasText: 'Needs moderation' });
    await expect(flagged.count()).resolves.toBe(1);
    await expect(flagged.innerText()).resolves.toContain('50.00%');
    await expectAxeClean(page);
    await screenshot(page, 'assessment-scores');

    // Reopening one assessor's scores asks why.
    await page.goto(`/staff/rounds/${diversion.id}/assessment/assignments`);
    await page
      .getByRole('link', { name: /^Reopen scores/ })
      .first()
      .click();
    await page.waitForURL('**/reopen');
    await expectAxeClean(page);
    await submitWith(page, page.getByRole('button', { name: 'Reopen scores' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter why the scores are being reopened', href: '#reason' },
    ]);
    await expectAxeClean(page);

    expect(pageErrors).toEqual([]);
  });

  it('moderates the flagged score and sends a recommendation that fits the budget', async () => {
    const page = await visitor();
    const pageErrors = collectPageErrors(page);
    await signInAsStaff(page, officer);
    await page.goto(`/staff/rounds/${diversion.id}/assessment`);

    // The flagged application (assessors 100 points apart) is resolved with an agreed score.
    await page.getByRole('link', { name: 'Moderation', exact: true }).click();
    await page.waitForURL('**/assessment/moderation');
    await expectAxeClean(page);
    await page.getByRole('link', { name: `Moderate ${apps[1].reference}` }).click();
    await expectAxeClean(page);
    await page.locator('#agreedScore').fill('65.5');
    await submitWith(page, page.getByRole('button', { name: 'Save moderation' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: expect.stringContaining('note'), href: '#note' },
    ]);
    await expectAxeClean(page);
    await page
      .locator('#note')
      .fill('The panel agreed the delivery plan is sound; the need is weaker.');
    await submitWith(page, page.getByRole('button', { name: 'Save moderation' }));
    await expect(page.locator('main').innerText()).resolves.toContain('Moderation recorded.');
    await expectAxeClean(page);

    // The recommendation: one at 80% recommended; the reserve one moved in, with a reason.
    await page.goto(`/staff/rounds/${diversion.id}/assessment/recommendation`);
    await expectAxeClean(page);
    await screenshot(page, 'assessment-recommendation');
    const reserveRow = page.locator(`#row-${apps[2].reference}`);
    await reserveRow
      .getByLabel(`Reason for moving ${apps[2].reference} in`)
      .fill('The only project working in the north of the county');
    await submitWith(
      page,
      reserveRow.getByRole('button', { name: `Move in ${apps[2].reference}` }),
    );
    await expect(page.locator(`#row-${apps[2].reference}`).innerText()).resolves.toContain(
      'The only project working in the north of the county',
    );
    await expectAxeClean(page);
    await submitWith(page, page.getByRole('button', { name: 'Send to the decision maker' }));
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Sent to the decision maker on',
    );
    await expectAxeClean(page);
    expect(pageErrors).toEqual([]);
  });
});
