import { Application } from '@grants/applications';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser, StaffUsersService } from '@grants/identity';
import { jest } from '@jest/globals';
import { DateTime } from 'luxon';
import { Page } from 'playwright-core';
import { castVote } from '../factories/ballot-votes.factory';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { submitWith } from '../support/browser';
import { createTestContext, TestContext } from '../support/test-context';
import { TEST_PASSWORD } from './browser-fixtures';
import { BrowserVisits, errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

describe('the grants officer setting up a public vote in a browser', () => {
  let ctx: TestContext;
  const visits = new BrowserVisits();
  let officer: StaffUser;
  let round: GrantRound;
  let byArea: Record<string, Application[]>;

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ round, byArea } = await createVoteRound(ctx, 4));
    officer = await ctx.get(StaffUsersService).create(
      {
        email: 'olivia.officer@opcc.test',
        displayName: 'Olivia Officer',
        roles: ['grants-officer'],
        password: TEST_PASSWORD,
      },
      SYSTEM_ACTOR,
    );
    // Bridlington South is already voting (arranged in-process) so the turnout page has figures.
    const bridlington = await createOpenBallot(
      ctx,
      round,
      'Bridlington South',
      byArea['Bridlington South'],
      'YO15, YO16',
    );
    const [a, b] = byArea['Bridlington South'];
    for (const [i, app] of [a, a, b].entries())
      await castVote(
        ctx,
        bridlington.id,
        { email: `r${i}@example.org`, postcode: 'YO15 2AB' },
        app.id,
      );
    await visits.start();
  }, 180_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  /** Fills the UK date and time boxes of the ballot form. */
  async function fillWhen(page: Page, name: string, at: Date) {
    const uk = DateTime.fromJSDate(at).setZone('Europe/London');
    await page.locator(`#${name}-day`).fill(String(uk.day));
    await page.locator(`#${name}-month`).fill(String(uk.month));
    await page.locator(`#${name}-year`).fill(String(uk.year));
    await page.locator(`#${name}-time`).fill(uk.toFormat('h:mma').toLowerCase());
  }

  it('shortlists three projects, sets the ballot and schedules the vote', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);
    const w = byArea['Winterton'];

    await page.goto(`/staff/rounds/${round.id}`);
    await page.locator('main').getByRole('link', { name: 'Public vote', exact: true }).click();
    await page.waitForURL(`**/staff/rounds/${round.id}/vote`);
    await expectAxeClean(page);
    await screenshot(page, 'vote-hub-empty');

    // The shortlist: a missing summary, then three complete entries.
    await page.getByRole('link', { name: 'Build the shortlist for Winterton' }).click();
    await page.waitForURL('**/shortlist');
    await expectAxeClean(page);
    for (const app of w.slice(0, 3)) await page.locator(`#chosen-${app.id}`).check();
    await page.locator(`#publicTitle-${w[0].id}`).fill('Lights in the park');
    await page.locator(`#publicSummary-${w[0].id}`).fill('Lighting where young people gather.');
    await page.locator(`#publicTitle-${w[1].id}`).fill('Friday youth club');
    await page.locator(`#publicSummary-${w[1].id}`).fill('Sport and games on Friday nights.');
    await page.locator(`#publicTitle-${w[2].id}`).fill('Youth workers on the streets');
    await submitWith(page, page.getByRole('button', { name: 'Save the shortlist' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter the public summary', href: `#publicSummary-${w[2].id}` },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'vote-shortlist-error');
    await page.locator(`#publicSummary-${w[2].id}`).fill('Two youth workers, three evenings.');
    await page.locator(`#amount-${w[2].id}`).fill('8,000');
    await submitWith(page, page.getByRole('button', { name: 'Save the shortlist' }));
    await page.waitForURL(`**/staff/rounds/${round.id}/vote?done=shortlist`);
    await expect(
      page
        .locator(`#shortlist-${round.areas.find((a) => a.name === 'Winterton')!.id} tbody th`)
        .allTextContents(),
    ).resolves.toEqual(['Lights in the park', 'Friday youth club', 'Youth workers on the streets']);
    await expectAxeClean(page);

    // The ballot: a vote that closes before it opens, then proper times and the area.
    await page.getByRole('link', { name: 'Set up the ballot for Winterton' }).click();
    await page.waitForURL('**/ballot');
    await expectAxeClean(page);
    const opensAt = new Date(round.closesAt.getTime() + 2 * 24 * 3600_000);
    const closesAt = new Date(opensAt.getTime() + 14 * 24 * 3600_000);
    await fillWhen(page, 'opensAt', closesAt);
    await fillWhen(page, 'closesAt', opensAt);
    await page.locator('#postcodeAreas').fill('dn15 9');
    await submitWith(page, page.getByRole('button', { name: 'Save the ballot settings' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'The vote must close after it opens', href: '#closesAt-day' },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'vote-ballot-error');
    await fillWhen(page, 'opensAt', opensAt);
    await fillWhen(page, 'closesAt', closesAt);
    await submitWith(page, page.getByRole('button', { name: 'Save the ballot settings' }));
    await page.waitForURL('**/ballot?done=saved');
    await expect(page.locator('#postcodeAreas').inputValue()).resolves.toBe('DN15 9');
    await expect(page.locator('.govuk-warning-text').innerText()).resolves.toContain(
      'Scheduling fixes the shortlist',
    );
    await expectAxeClean(page);
    await screenshot(page, 'vote-ballot-settings');

    await submitWith(page, page.getByRole('button', { name: 'Schedule the vote' }));
    await page.waitForURL(`**/staff/rounds/${round.id}/vote?done=scheduled`);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'Vote scheduled. The applicants in the area have been told.',
    );
    await expect(
      page.getByRole('link', { name: 'Change the shortlist for Winterton' }).count(),
    ).resolves.toBe(0);
    await expectAxeClean(page);
    await screenshot(page, 'vote-hub-scheduled');
    expect(pageErrors).toEqual([]);
  });

  it('shows turnout as a chart and a table, the flagged votes and the live count', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);
    await page.goto(`/staff/rounds/${round.id}/vote/turnout`);
    const chart = page.getByRole('img', { name: 'Votes by hour in Bridlington South' });
    await expect(chart.isVisible()).resolves.toBe(true);
    await expect(chart.locator('rect').count()).resolves.toBeGreaterThanOrEqual(1);
    await expectAxeClean(page);
    await screenshot(page, 'vote-turnout');

    await page.getByRole('link', { name: 'Flagged votes in Bridlington South' }).click();
    await page.waitForURL('**/review');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'The count for Bridlington South' }).click();
    await page.waitForURL('**/result');
    await expect(page.locator('#total-votes').innerText()).resolves.toBe('3');
    await expectAxeClean(page);
    await screenshot(page, 'vote-live-count');
    expect(pageErrors).toEqual([]);
  });
});
