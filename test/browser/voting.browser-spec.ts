import { BallotSchedulerService, TallyService } from '@grants/ballots';
import { SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import { Browser, Page } from 'playwright-core';
import { createOpenVote, lastVotingCode, OpenVote } from '../factories/open-ballots.factory';
import { collectPageErrors, launchBrowser, newVisitor, submitWith } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';

jest.setTimeout(240_000);

/**
 * Residents vote in a real browser: from the home page to the receipt in Winterton, with
 * every page (its error states too) axe-clean; and the same journey in Bridlington South with
 * JavaScript turned off, since a resident may have none. Then the published result.
 */
describe('residents voting in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let vote: OpenVote;

  beforeAll(async () => {
    ctx = await createTestContext();
    vote = await createOpenVote(ctx);
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  const heading = async (page: Page) =>
    ((await page.locator('h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  /** The whole journey from the start page; `check` runs on every page reached. */
  async function voteFrom(
    page: Page,
    start: string,
    resident: { email: string; postcode: string; project: string },
    check: (name: string) => Promise<void>,
  ): Promise<string> {
    await page.goto(start);
    await check('start');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForLoadState();
    expect(await heading(page)).toContain('Enter your email address and postcode');
    await check('email');

    // A postcode from outside the area: told on the postcode box.
    await page.getByLabel('Email address').fill(resident.email);
    await page.getByLabel('Postcode').fill('HU1 1AA');
    await submitWith(page, button(page, 'Send the code'));
    expect(await errorSummaryLinks(page)).toEqual([
      { href: '#postcode', text: expect.stringContaining('is not in the') },
    ]);
    await check('email-error');
    await page.getByLabel('Postcode').fill(resident.postcode);
    await submitWith(page, button(page, 'Send the code'));
    expect(await heading(page)).toContain('Check your email');
    await check('code');

    await page.getByLabel('Enter the 6-digit code').fill('12');
    await submitWith(page, button(page, 'Continue'));
    expect(await errorSummaryLinks(page)).toEqual([
      { href: '#code', text: 'Enter the 6-digit code from the email' },
    ]);
    await check('code-error');
    await page
      .getByLabel('Enter the 6-digit code')
      .fill(await lastVotingCode(ctx.dataSource, resident.email));
    await submitWith(page, button(page, 'Continue'));
    expect(await heading(page)).toContain('Which project do you want to vote for?');
    await check('choose');

    await submitWith(page, button(page, 'Continue'));
    expect(await errorSummaryLinks(page)).toEqual([
      { href: '#choice', text: 'Choose the project you want to vote for' },
    ]);
    await check('choose-error');
    await page.getByLabel(resident.project, { exact: true }).check();
    await submitWith(page, button(page, 'Continue'));
    expect(await heading(page)).toContain('Check your vote');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain(resident.project);
    await check('check');

    await submitWith(page, button(page, 'Send my vote'));
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Vote recorded');
    await check('done');
    const receipt = (await page.locator('.app-receipt-code').textContent())!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The receipt never appears in an address the server would log.
    expect(page.url()).not.toContain(receipt);

    await page.goto(`${start}/choose`);
    expect(await heading(page)).toContain('You have already voted');
    expect(await page.locator('input[name="choice"]').count()).toBe(0);
    await check('already-voted');
    return receipt;
  }

  it('a resident votes from the home page to the receipt, every page axe-clean', async () => {
    const { page } = await newVisitor(browser, server.baseUrl);
    const pageErrors = collectPageErrors(page);
    const clean = async (name: string) => {
      await expectAxeClean(page);
      expect(pageErrors).toEqual([]);
      await screenshot(page, `voting-${name}`);
    };
    await page.goto('/');
    await page.getByRole('link', { name: 'Vote for a project in your area' }).click();
    await page.waitForLoadState();
    expect(await heading(page)).toBe('Vote for a project in your area');
    await clean('list');
    await page.getByRole('link', { name: 'Winterton' }).click();
    await page.waitForLoadState();
    expect(await heading(page)).toContain('Vote for a project in Winterton');

    await voteFrom(
      page,
      `/vote/${vote.winterton.id}`,
      {
        email: 'jo@winterton.example.org',
        postcode: 'DN15 9AB',
        project: 'Winterton project 3 (public)',
      },
      clean,
    );
  });

  it('works with JavaScript turned off, and the published result is axe-clean', async () => {
    const { context, page } = await newVisitor(browser, server.baseUrl, {
      javaScriptEnabled: false,
    });
    const seen: string[] = [];
    await voteFrom(
      page,
      `/vote/${vote.bridlington.id}`,
      {
        email: 'sam@bridlington.example.org',
        postcode: 'YO15 3AB',
        project: 'Bridlington South project 2 (public)',
      },
      async (name) => {
        // Nothing can run with JavaScript off (axe included): checked with it on, above.
        seen.push(name);
      },
    );
    expect(seen).toContain('done');
    await context.close();

    await ctx.dataSource.query(
      `UPDATE ballots SET closes_at = now() - interval '1 second' WHERE id = $1`,
      [vote.bridlington.id],
    );
    await ctx.get(BallotSchedulerService).closeIfDue(vote.bridlington.id);
    await ctx.get(TallyService).publish(vote.bridlington.id, null, SYSTEM_ACTOR);
    const visitor = await newVisitor(browser, server.baseUrl);
    await visitor.page.goto('/vote');
    await visitor.page
      .getByRole('link', { name: /Bridlington South: Community Response Fund pilot/ })
      .click();
    await visitor.page.waitForLoadState();
    expect(await heading(visitor.page)).toContain('Result of the vote in Bridlington South');
    expect(await visitor.page.locator('.govuk-panel__title').textContent()).toContain(
      'Bridlington South project 2 (public)',
    );
    await expectAxeClean(visitor.page);
    await screenshot(visitor.page, 'voting-results');
  });
});
