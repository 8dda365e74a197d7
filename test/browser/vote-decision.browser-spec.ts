import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import {
  ClosedVote,
  createClosedVote,
  publishBridlington,
  publishWinterton,
} from '../factories/closed-vote.factory';
import { createStaff } from '../factories/staff.factory';
import { submitWith } from '../support/browser';
import { createTestContext, TestContext } from '../support/test-context';
import { BrowserVisits, errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(180_000);

/**
 * Both areas' results published (Bridlington South's tie settled by the decision maker): the
 * decision maker signs off the winners from the decisions list, and an officer publishes it.
 */
describe('the decision on a public vote in a browser', () => {
  let ctx: TestContext;
  const visits = new BrowserVisits();
  let vote: ClosedVote;
  let officer: StaffUser;
  let decider: StaffUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    vote = await createClosedVote(ctx);
    await publishWinterton(ctx, vote);
    await publishBridlington(ctx, vote);
    officer = await createStaff(ctx, 'grants-officer');
    decider = await createStaff(ctx, 'decision-maker');
    await visits.start();
  }, 180_000);

  afterAll(async () => {
    await visits.stop();
    await ctx?.close();
  });

  it('the decision maker signs off the winners', async () => {
    const { page, pageErrors } = await visits.staffVisitor(decider);
    await page.goto('/staff/decisions');
    await expectAxeClean(page);
    await page
      .locator('#vote-decision-rounds')
      .getByRole('link', { name: vote.round.title })
      .click();
    await page.waitForURL(`**/staff/rounds/${vote.round.id}/vote/decision`);
    await expectAxeClean(page);
    await screenshot(page, 'vote-decision-to-sign');
    await expect(page.locator('#title').inputValue()).resolves.toBe(
      'Community Response Fund: Community Response Fund pilot, public vote winners',
    );
    await expect(page.locator('#to-award').textContent()).resolves.toBe('£18,000.00');

    // The summary is missing: the error summary points at it.
    await submitWith(page, page.getByRole('button', { name: 'Sign off the decision' }));
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter a summary of the decision for the public record', href: '#summary' },
      { text: 'Enter any declarations of interest, or "None"', href: '#declarations' },
    ]);
    await expectAxeClean(page);
    await screenshot(page, 'vote-decision-error');

    await page.locator('#summary').fill('Residents chose one project in each area.');
    await page.locator('#declarations').fill('None');
    await submitWith(page, page.getByRole('button', { name: 'Sign off the decision' }));
    await page.waitForURL('**/vote/decision?done=signed-off');
    await expect(page.locator('#decision-status').textContent()).resolves.toMatch(
      /Decision record DR-\d{4}-\d{3}/,
    );
    await expect(page.locator('#awards tbody tr').count()).resolves.toBe(2);
    await expectAxeClean(page);
    await screenshot(page, 'vote-decision-signed-off');
    expect(pageErrors).toEqual([]);
  });

  it('an officer publishes the record from the public vote hub', async () => {
    const { page, pageErrors } = await visits.staffVisitor(officer);
    await page.goto(`/staff/rounds/${vote.round.id}/vote`);
    await page.getByRole('link', { name: 'The decision record' }).click();
    await page.waitForURL(`**/staff/rounds/${vote.round.id}/vote/decision`);
    await expect(page.locator('#title').count()).resolves.toBe(0);
    await submitWith(page, page.getByRole('button', { name: 'Publish the decision record' }));
    await page.waitForURL('**/vote/decision?done=published');
    await expectAxeClean(page);
    await page.locator('#public-record').click();
    await page.waitForURL('**/decisions/DR-*');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Winterton community group 1',
    );
    await expectAxeClean(page);
    await screenshot(page, 'vote-decision-public-record');
    expect(pageErrors).toEqual([]);
  });
});
