import { DecisionRecordsService } from '@grants/awards';
import { SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import { Browser, Page } from 'playwright-core';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { collectPageErrors, launchBrowser, newVisitor, submitWith } from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { errorSummaryLinks, expectAxeClean, screenshot } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

describe('the public list of grants awarded, in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let first: DecidedRound;
  let second: DecidedRound;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    first = await createDecidedRound(ctx, 'AGA');
    second = await createDecidedRound(ctx, 'AGB');
    for (const d of [first, second])
      await ctx.get(DecisionRecordsService).publish(d.round.id, SYSTEM_ACTOR);
    // One grant's recipient is told apart by name, for the search.
    await ctx.dataSource.query(`UPDATE organisations SET name = $1 WHERE id = $2`, [
      'Winterton Boxing Academy',
      second.apps[0].organisationId,
    ]);
    server = await startServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function visitor(options = {}): Promise<{ page: Page; errors: string[] }> {
    const { page } = await newVisitor(browser, server.baseUrl, options);
    return { page, errors: collectPageErrors(page) };
  }

  const rows = (page: Page) => page.locator('table tbody tr');

  it('lists every grant, axe-clean, with the open data downloads', async () => {
    const { page, errors } = await visitor();
    await page.goto('/');
    await page.getByRole('link', { name: 'grant awarded' }).click();
    expect(new URL(page.url()).pathname).toBe('/grants');
    expect(await page.locator('h1').textContent()).toBe('Grants awarded');
    expect((await page.locator('#results-heading').textContent())?.trim()).toBe(
      '2 grants, £30,000.00 in all',
    );
    expect(await rows(page).count()).toBe(2);
    await expectAxeClean(page);
    await screenshot(page, 'grants');
    const json = await page.request.get(
      (await page
        .getByRole('link', { name: 'Download as JSON (360Giving)' })
        .getAttribute('href'))!,
    );
    expect(json.status()).toBe(200);
    expect((await json.json()).grants).toHaveLength(2);
    // Each grant links to its published decision record.
    await page.getByRole('link', { name: new RegExp(`^${second.number}`) }).click();
    expect(new URL(page.url()).pathname).toBe(`/decisions/${second.number}`);
    expect(errors).toEqual([]);
  });

  it('filters by search and round, keeping the choices, axe-clean', async () => {
    const { page, errors } = await visitor();
    await page.goto('/grants');
    await page.getByLabel('Search').fill('winterton boxing');
    await submitWith(page, page.getByRole('button', { name: 'Filter' }));
    expect(new URL(page.url()).searchParams.get('q')).toBe('winterton boxing');
    expect(await rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Winterton Boxing Academy');
    await expectAxeClean(page);

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Round').selectOption(first.round.id);
    await submitWith(page, page.getByRole('button', { name: 'Filter' }));
    expect(await page.getByLabel('Round').inputValue()).toBe(first.round.id);
    expect(await rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain(first.organisationName);
    await expectAxeClean(page);
    await screenshot(page, 'grants-filtered');

    await page.getByLabel('Year awarded').selectOption({ index: 1 });
    await page.getByLabel('Search').fill('no project is called this');
    await submitWith(page, page.getByRole('button', { name: 'Filter' }));
    expect((await page.locator('#results-heading').textContent())?.trim()).toBe('No grants found');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Clear the filters' }).click();
    expect(await rows(page).count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('says plainly what was wrong with a link, axe-clean', async () => {
    const { page } = await visitor();
    const response = await page.goto('/grants?year=last-year&fund=no-such-fund');
    expect(response?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: Grants awarded/);
    expect(await errorSummaryLinks(page)).toEqual([
      {
        text: 'Select a fund from the list: no grants were found for the fund in the link',
        href: '#fund',
      },
      { text: 'Select a year from the list, like 2022', href: '#year' },
    ]);
    expect(await page.locator('#year-error').textContent()).toContain('Select a year');
    expect(await rows(page).count()).toBe(2);
    await expectAxeClean(page);
    await screenshot(page, 'grants-bad-link');
  });

  it('filters without JavaScript', async () => {
    const { page } = await visitor({ javaScriptEnabled: false });
    await page.goto('/grants');
    await page.getByLabel('Search').fill('winterton boxing');
    await submitWith(page, page.getByRole('button', { name: 'Filter' }));
    expect(await rows(page).count()).toBe(1);
  });
});
