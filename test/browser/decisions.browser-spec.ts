import { Application } from '@grants/applications';
import { RecommendationService } from '@grants/assessment';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { Page } from 'playwright-core';
import { CSF, createFund } from '../factories/round.factory';
import { createScoredRound } from '../factories/scored-round.factory';
import { createStaff } from '../factories/staff.factory';
import { submitWith } from '../support/browser';
import { createTestContext, TestContext } from '../support/test-context';
import { BrowserVisits, errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('the Commissioner deciding a round in a browser', () => {
  let ctx: TestContext;
  const visits = new BrowserVisits();
  let officer: StaffUser;
  let decider: StaffUser;
  let round: GrantRound;
  let apps: Application[];

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    // Four £15,000 bids against £50,000: the three at 80% are recommended.
    ({ round, apps } = await createScoredRound(ctx, {
      code: 'VAW',
      title: 'Violence against Women and Girls',
      budgetPence: 5_000_000,
      projects: [
        { projectTitle: 'Safe spaces in the night-time economy', score: 4 },
        { projectTitle: 'Healthy relationships in schools', score: 4 },
        { projectTitle: 'Bystander training for bar staff', score: 4 },
        { projectTitle: 'Street lighting survey', score: 2 },
      ],
    }));
    // The round has closed: its summary links to the assessment and the decision.
    await ctx.dataSource.query(`UPDATE grant_rounds SET status = 'closed' WHERE id = $1`, [
      round.id,
    ]);
    officer = await createStaff(ctx, 'grants-officer');
    decider = await createStaff(ctx, 'decision-maker');
    await visits.start();
  }, 180_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  const card = (page: Page, app: Application) => page.locator(`#decide-${app.id}`);

  it('lets the officer write feedback and choose to publish scores', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);

    await page.goto(`/staff/rounds/${round.id}/assessment`);
    await page.getByLabel('Yes').check();
    await submitWith(page, page.getByRole('button', { name: 'Save the setting' }));
    await expect(page.locator('#publish-scores-setting').innerText()).resolves.toBe(
      'Applicants are told their score with the decision.',
    );
    await expectAxeClean(page);

    await page.goto(`/staff/rounds/${round.id}/assessment/recommendation`);
    await page.getByRole('link', { name: `Write feedback for ${apps[3].reference}` }).click();
    await page.waitForURL('**/feedback');
    await expectAxeClean(page);
    await page
      .locator('#feedback')
      .fill('The survey does not say who would act on its findings, or how.');
    await submitWith(page, page.getByRole('button', { name: 'Save feedback' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Feedback for the applicant saved.',
    );
    await expect(page.locator(`#row-${apps[3].reference}`).innerText()).resolves.toContain(
      'The survey does not say who would act on its findings',
    );
    await screenshot(page, 'decision-feedback');
    expect(pageErrors).toEqual([]);
  });

  it('has the decision maker approve, amend, decline and sign off', async () => {
    await ctx.get(RecommendationService).submit(round.id, SYSTEM_ACTOR);
    const { page, pageErrors } = await visits.staffVisitor(decider);

    // The decisions list, from the navigation: the round waits for this decision maker.
    await page.goto('/staff/rounds');
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Decisions' })
      .click();
    await page.waitForURL('**/staff/decisions');
    await expect(page.locator('#decision-rounds').innerText()).resolves.toContain(
      'Waiting for your decision',
    );
    await expectAxeClean(page);
    await screenshot(page, 'decisions-index');
    await page.locator('#decision-rounds').getByRole('link', { name: round.title }).click();
    await page.waitForURL(`**/staff/rounds/${round.id}/decision`);
    await expect(page.locator('#budget').innerText()).resolves.toContain('£50,000.00');
    await expectAxeClean(page);
    await screenshot(page, 'decision-package');

    // Approve at the amount requested.
    await submitWith(
      page,
      card(page, apps[0]).getByRole('button', {
        name: `Approve ${apps[0].reference} at £15,000.00`,
      }),
    );
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Application approved.',
    );
    await expectAxeClean(page);

    // Amend: a smaller amount needs a reason.
    await card(page, apps[1]).locator('summary', { hasText: 'Amend amount' }).click();
    await page.locator(`#amount-${apps[1].id}`).fill('12,000');
    await submitWith(
      page,
      card(page, apps[1]).getByRole('button', { name: /Approve the amended amount/ }),
    );
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      {
        text: 'Enter why the amount differs from the £15,000.00 requested',
        href: `#amountReason-${apps[1].id}`,
      },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'decision-amend-error');
    await page.locator(`#amountReason-${apps[1].id}`).fill('Funded for one school year only');
    await submitWith(
      page,
      card(page, apps[1]).getByRole('button', { name: /Approve the amended amount/ }),
    );
    await expect(page.locator(`#row-${apps[1].reference}`).innerText()).resolves.toContain(
      'Amended from £15,000.00: Funded for one school year only',
    );

    // Decline, with a reason.
    await card(page, apps[2]).locator('summary', { hasText: 'Decline' }).click();
    await page.locator(`#declineReason-${apps[2].id}`).fill('Already funded by the council');
    await submitWith(page, card(page, apps[2]).locator('button', { hasText: 'Decline' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Application declined.',
    );
    await expect(page.locator('#budget').innerText()).resolves.toContain(
      '2 applications, £27,000.00',
    );
    await expectAxeClean(page);

    // Sign off: the title is ready; the summary and declarations are the decision maker's.
    await expect(page.locator('#title').inputValue()).resolves.toBe(
      "Commissioner's Safety Fund: Violence against Women and Girls grants",
    );
    await submitWith(page, page.getByRole('button', { name: 'Sign off the decision' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter a summary of the decision for the public record', href: '#summary' },
      { text: 'Enter any declarations of interest, or "None"', href: '#declarations' },
    ]);
    await expectAxeClean(page);
    await page
      .locator('#summary')
      .fill('Two projects funded to make the night-time economy safer.');
    await page.locator('#declarations').fill('None');
    await submitWith(page, page.getByRole('button', { name: 'Sign off the decision' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Decision signed off.',
    );
    await expect(page.locator('#record').innerText()).resolves.toMatch(/DR-\d{4}-\d{3}/);
    await expect(page.locator('#decision-status').innerText()).resolves.toContain('Signed off');
    await expectAxeClean(page);
    await screenshot(page, 'decision-signed-off');
    expect(pageErrors).toEqual([]);
  });

  it('has an officer publish the record, which then links to its public page', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);
    await page.goto(`/staff/rounds/${round.id}/assessment`);
    await page.getByRole('link', { name: 'Decision', exact: true }).click();
    await page.waitForURL(`**/decision`);
    await submitWith(page, page.getByRole('button', { name: 'Publish the decision record' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Decision record published.',
    );
    const link = page.locator('#public-record');
    await expect(link.getAttribute('href')).resolves.toMatch(/^\/decisions\/DR-\d{4}-\d{3}$/);
    await expectAxeClean(page);
    await screenshot(page, 'decision-published');
    expect(pageErrors).toEqual([]);
  });
});
