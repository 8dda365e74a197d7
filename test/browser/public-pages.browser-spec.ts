import { fromUkLocal } from '@grants/core';
import { Fund, GrantRound } from '@grants/funds';
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { diversionInput } from '../factories/round.factory';
import {
  axeViolations,
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newVisitor,
} from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { createFunds, createRoundIn, pilotInput } from './browser-fixtures';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

describe('public pages in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let csf: Fund;
  let crf: Fund;
  const rounds: Record<string, GrantRound> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ csf, crf } = await createFunds(ctx, 'pub'));
    const day = 24 * 60 * 60_000;
    rounds.open = await createRoundIn(ctx, csf.slug, 'open', diversionInput({ code: 'DIV' }));
    rounds.pilot = await createRoundIn(ctx, crf.slug, 'open', pilotInput());
    rounds.soon = await createRoundIn(
      ctx,
      csf.slug,
      'scheduled',
      diversionInput({
        code: 'VAWG',
        title: 'Violence against Women and Girls',
        theme: 'Violence against women and girls',
        opensAt: new Date(Date.now() + 30 * day),
        closesAt: new Date(Date.now() + 60 * day),
      }),
    );
    // The real Diversion round: closed 17:00 on 24 October 2022, UK time (16:00 UTC).
    rounds.closed = await createRoundIn(
      ctx,
      csf.slug,
      'closed',
      diversionInput({
        code: 'DIV22',
        title: 'Diversion from ASB and Crime 2022',
        opensAt: fromUkLocal('2022-09-26', '9:00'),
        closesAt: fromUkLocal('2022-10-24', '17:00'),
      }),
    );
    rounds.draft = await createRoundIn(
      ctx,
      csf.slug,
      'draft',
      diversionInput({ code: 'SECRET', title: 'A draft nobody should see' }),
    );
    server = await startServer({ withWorker: true });
    browser = await launchBrowser();
    ({ page } = await newVisitor(browser, server.baseUrl));
    pageErrors = collectPageErrors(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function expectAxeClean() {
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  }

  it('home lists open rounds and funds, with no axe violations', async () => {
    pageErrors.length = 0;
    await page.goto('/');
    await expect(page.title()).resolves.toBe(
      'Community safety grants - Apply for a community safety grant',
    );
    const open = page.locator('h2:has-text("Open for applications") + ul');
    // Other test files may have left open rounds of the same title: find this one by its address.
    await expect(open.locator(`a[href="/rounds/${rounds.open.id}"]`).textContent()).resolves.toBe(
      rounds.open.title,
    );
    await expect(page.locator(`a[href="/funds/${csf.slug}"]`).textContent()).resolves.toBe(
      csf.name,
    );
    // The GOV.UK scripts ran under the strict CSP: nothing refused, nothing failed to load.
    await expect(page.locator('body.govuk-frontend-supported').count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    await expectAxeClean();
  });

  it('fund page groups its public rounds and links to email updates, with no axe violations', async () => {
    await page.goto(`/funds/${csf.slug}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(csf.name);
    await expect(page.locator('.govuk-caption-l').textContent()).resolves.toBe(csf.owningOffice);
    const section = (heading: string) => page.locator(`h2:has-text("${heading}") + ul`);
    await expect(section('Open for applications').textContent()).resolves.toContain(
      rounds.open.title,
    );
    await expect(section('Opening soon').textContent()).resolves.toContain(rounds.soon.title);
    await expect(section('Closed rounds').textContent()).resolves.toContain(rounds.closed.title);
    expect(await page.content()).not.toContain(rounds.draft.title);
    await expect(
      page.getByRole('link', { name: /Get email updates/ }).getAttribute('href'),
    ).resolves.toBe(`/funds/${csf.slug}/email-updates`);
    await expectAxeClean();
  });

  it('round page shows budget, grants, eligibility and scoring, with no axe violations', async () => {
    await page.goto(`/rounds/${rounds.open.id}`);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain("Commissioner's Safety Fund £100,000.00");
    expect(text).toContain('Violence Reduction Network £104,030.33');
    expect(text).toContain('Total £204,030.33');
    expect(text).toContain('Up to £20,000.00');
    expect(text).toContain('12 to 24 months');
    expect(text).toContain('Sports or social club');
    expect(text).toContain('Curbing violent crime');
    expect(text).toContain('Applications scoring 70% or more are recommended');
    expect(text).toContain('at least 60% but under 70% are held in reserve');
    await expect(page.locator('.govuk-breadcrumbs').innerText()).resolves.toContain(csf.name);
    if (process.env.BROWSER_SCREENSHOT_DIR)
      await page.screenshot({
        path: join(process.env.BROWSER_SCREENSHOT_DIR, 'round-page.png'),
        fullPage: true,
      });
    await expectAxeClean();
  });

  it('a public-vote round shows its areas, focus issues, caps and shortlist', async () => {
    await page.goto(`/rounds/${rounds.pilot.id}`);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(
      'Winterton Anti-social behaviour in park areas where young people gather £10,000.00',
    );
    expect(text).toContain('Bridlington South Anti-social behaviour linked to drug taking');
    expect(text).toContain('Up to 3 eligible projects in each area are shortlisted');
    expect(text).toContain('The project with the most votes in each area is funded');
    await expectAxeClean();
  });

  it('shows times in UK time: 17:00 on 24 October 2022 is "24 October 2022 at 5pm"', async () => {
    await page.goto(`/rounds/${rounds.closed.id}`);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Closes 24 October 2022 at 5pm');
    expect(text).toContain('Opens 26 September 2022 at 9am');
    expect(text).toContain('This round closed 24 October 2022 at 5pm');
  });

  it('a draft round is not found by the public', async () => {
    const response = await page.goto(`/rounds/${rounds.draft.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    expect(await page.content()).not.toContain(rounds.draft.title);
    const junk = await page.goto('/rounds/not-a-round');
    expect(junk?.status()).toBe(404);
    const noFund = await page.goto('/funds/no-such-fund');
    expect(noFund?.status()).toBe(404);
    await expectAxeClean();
  });

  it('works without JavaScript', async () => {
    const { context, page: noJs } = await newVisitor(browser, server.baseUrl, {
      javaScriptEnabled: false,
    });
    await noJs.goto('/');
    await noJs.getByRole('link', { name: rounds.pilot.title, exact: true }).click();
    await expect(noJs.locator('h1').textContent()).resolves.toBe(rounds.pilot.title);
    await noJs.locator('.govuk-breadcrumbs').getByRole('link', { name: crf.name }).click();
    await expect(noJs.locator('h1').textContent()).resolves.toBe(crf.name);
    await context.close();
  });
});
