import { createStaff } from '../factories/staff.factory';
import { RoundsService } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newVisitor,
} from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { createFunds, roundCount, TEST_PASSWORD } from './browser-fixtures';
import { errorSummaryLinks } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

describe('staff pages in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let officer: StaffUser;
  let assessor: StaffUser;
  let fundName: string;
  let fundSlug: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    const { csf } = await createFunds(ctx, 'staff');
    fundName = csf.name;
    fundSlug = csf.slug;
    officer = await createStaff(ctx, 'grants-officer');
    assessor = await createStaff(ctx, 'assessor');
    server = await startServer({ withWorker: true });
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

  async function expectAxeClean(page: Page) {
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  }

  async function signIn(page: Page, user: StaffUser, path = '/staff/sign-in') {
    await page.goto(path);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));
  }

  /** Fills the round form as a person would, amounts and UK times as text. */
  async function fillRoundForm(
    page: Page,
    round: {
      code: string;
      title: string;
      opens: [string, string, string, string];
      closes: [string, string, string, string];
    },
  ) {
    if (await page.locator('#fundSlug').count())
      await page.locator('#fundSlug').selectOption({ label: fundName });
    await page.locator('#code').fill(round.code);
    await page.locator('#title').fill(round.title);
    await page.locator('#theme').fill('Diversion');
    await page
      .locator('#description')
      .fill('Activities for people aged 10 to 24, joint with the Violence Reduction Network.');
    for (const [name, [day, month, year, time]] of [
      ['opensAt', round.opens],
      ['closesAt', round.closes],
    ] as const) {
      await page.locator(`#${name}-day`).fill(day);
      await page.locator(`#${name}-month`).fill(month);
      await page.locator(`#${name}-year`).fill(year);
      await page.locator(`#${name}-time`).fill(time);
    }
    await page.locator('#budgetContributions-0-sourceName').fill("Commissioner's Safety Fund");
    await page.locator('#budgetContributions-0-amount').fill('£100,000');
    await page.locator('#budgetContributions-1-sourceName').fill('Violence Reduction Network');
    await page.locator('#budgetContributions-1-amount').fill('£104,030.33');
    await page.locator('#maxGrant').fill('£20,000');
    await page.locator('#minDurationMonths').fill('12');
    await page.locator('#maxDurationMonths').fill('24');
    for (const type of ['Registered charity', 'Community group', 'Sports or social club'])
      await page.getByLabel(type, { exact: true }).check();
    await page.getByLabel('Curbing violent crime', { exact: true }).check();
    await page.getByLabel('Scored by assessors', { exact: true }).check();
  }

  it('sign-in page, empty and with errors, has no axe violations', async () => {
    const page = await visitor();
    const errors = collectPageErrors(page);
    await page.goto('/staff/sign-in');
    await expectAxeClean(page);
    expect(errors).toEqual([]);

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/);
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    await expectAxeClean(page);

    await page.locator('#email').fill(officer.email);
    await page.locator('#password').fill('not the password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(response.status()).toBe(401);
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      {
        text: expect.stringContaining('Enter a correct email address and password'),
        href: '#email',
      },
    ]);
    await expect(page.locator('#email').inputValue()).resolves.toBe(officer.email);
    await expect(page.locator('#password').inputValue()).resolves.toBe('');
  });

  it('sends a visitor without a session to sign in, then back to the page asked for', async () => {
    const page = await visitor();
    await page.goto('/staff/rounds/new');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
      '/staff/sign-in?next=%2Fstaff%2Frounds%2Fnew',
    );
    await page.locator('#email').fill(officer.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/staff/rounds/new');
    await expect(page.locator('h1').textContent()).resolves.toBe('Create a round');
  });

  it('creates a round through the form, lists, edits and schedules it', async () => {
    const page = await visitor();
    const pageErrors = collectPageErrors(page);
    await signIn(page, officer);
    expect(new URL(page.url()).pathname).toBe('/staff/rounds');
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Create a round' }).click();
    await page.waitForURL('**/staff/rounds/new');
    await expectAxeClean(page);

    // Closing before opening: refused with the reason, linked to the field, nothing written.
    const before = await roundCount(ctx);
    await fillRoundForm(page, {
      code: 'div',
      title: 'Diversion from ASB and Crime',
      opens: ['26', '9', '2031', '9am'],
      closes: ['24', '9', '2031', '17:00'],
    });
    if (process.env.BROWSER_SCREENSHOT_DIR)
      await page.screenshot({
        path: join(process.env.BROWSER_SCREENSHOT_DIR, 'round-form.png'),
        fullPage: true,
      });
    await page.getByRole('button', { name: 'Create round' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: Create a round/);
    await expect(errorSummaryLinks(page)).resolves.toEqual([
      { text: 'The closing time must be after the opening time', href: '#closesAt-day' },
    ]);
    expect(await roundCount(ctx)).toBe(before);
    await expect(page.locator('#maxGrant').inputValue()).resolves.toBe('£20,000');
    await expect(page.locator('#budgetContributions-1-amount').inputValue()).resolves.toBe(
      '£104,030.33',
    );
    await expect(page.locator('#closesAt-error').textContent()).resolves.toContain(
      'The closing time must be after the opening time',
    );
    await expectAxeClean(page);
    if (process.env.BROWSER_SCREENSHOT_DIR)
      await page.screenshot({
        path: join(process.env.BROWSER_SCREENSHOT_DIR, 'round-form-errors.png'),
      });
    await page.locator('.govuk-error-summary a').first().click();
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('closesAt-day');

    // Corrected: 17:00 on 24 October 2031 is British Summer Time, so 16:00 UTC.
    await page.locator('#closesAt-month').fill('10');
    await page.getByRole('button', { name: 'Create round' }).click();
    await page.waitForURL(/\/staff\/rounds\/[0-9a-f-]{36}\?saved=created$/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Round created',
    );
    const id = new URL(page.url()).pathname.split('/')[3];
    const saved = await ctx.get(RoundsService).get(id, { includeDrafts: true });
    expect(saved).toMatchObject({
      code: 'DIV',
      status: 'draft',
      maxGrantPence: 2_000_000,
      minGrantPence: 0,
      minDurationMonths: 12,
      maxDurationMonths: 24,
      eligibleOrganisationTypes: ['charity', 'community-group', 'sports-or-social-club'],
      planThemes: ['Curbing violent crime'],
      decisionMethod: 'scored',
      recommendThresholdBp: 7000,
      reserveThresholdBp: 6000,
    });
    expect(saved.fund.slug).toBe(fundSlug);
    expect(saved.budgetContributions.map((c) => [c.sourceName, c.amountPence])).toEqual([
      ["Commissioner's Safety Fund", 10_000_000],
      ['Violence Reduction Network', 10_403_033],
    ]);
    expect(saved.opensAt.toISOString()).toBe('2031-09-26T08:00:00.000Z');
    expect(saved.closesAt.toISOString()).toBe('2031-10-24T16:00:00.000Z');
    await expectAxeClean(page);

    // In the list, as a draft.
    await page.goto('/staff/rounds');
    const row = page.locator('tr', { hasText: 'Diversion from ASB and Crime' });
    await expect(row.locator('.govuk-tag').textContent()).resolves.toBe('Draft');
    await expect(row.textContent()).resolves.toContain('24 October 2031 at 5pm');

    // Edit: the form shows what is stored, in UK time and pounds.
    await row.getByRole('link').click();
    await page.getByRole('button', { name: 'Edit round' }).click();
    await page.waitForURL(`**/staff/rounds/${id}/edit`);
    await expect(page.locator('#closesAt-day').inputValue()).resolves.toBe('24');
    await expect(page.locator('#closesAt-time').inputValue()).resolves.toBe('17:00');
    await expect(page.locator('#budgetContributions-1-amount').inputValue()).resolves.toBe(
      '104,030.33',
    );
    await expect(page.getByLabel('Sports or social club').isChecked()).resolves.toBe(true);
    await expectAxeClean(page);
    await page.locator('#title').fill('Diversion from ASB and Crime 2031');
    await page.locator('#maxGrant').fill('£25,000.50');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/staff/rounds/${id}?saved=updated`);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Diversion from ASB and Crime 2031',
    );
    expect((await ctx.get(RoundsService).get(id, { includeDrafts: true })).maxGrantPence).toBe(
      2_500_050,
    );

    // Schedule: it will open and close by itself, and the public can see it.
    await page.getByRole('button', { name: 'Schedule round' }).click();
    await page.waitForURL(`**/staff/rounds/${id}?saved=scheduled`);
    await expect(page.locator('main .govuk-tag').first().textContent()).resolves.toBe('Scheduled');
    expect((await ctx.get(RoundsService).get(id)).status).toBe('scheduled');
    await expectAxeClean(page);
    expect(pageErrors).toEqual([]);

    const publicPage = await visitor();
    await publicPage.goto(`/rounds/${id}`);
    await expect(publicPage.locator('main').innerText()).resolves.toContain(
      'This round opens for applications 26 September 2031 at 9am (UK time).',
    );
  });

  it('works without JavaScript: sign in and create a public-vote round', async () => {
    const page = await visitor(false);
    await signIn(page, officer);
    await page.goto('/staff/rounds/new');
    // Without JavaScript the conditional questions are all shown.
    await expect(page.locator('#shortlistSize').isVisible()).resolves.toBe(true);
    await fillRoundForm(page, {
      code: 'PILOT',
      title: 'Community Response pilot',
      opens: ['9', '3', '2032', '9am'],
      closes: ['24', '4', '2032', '5pm'],
    });
    await page.getByLabel('Public vote', { exact: true }).check();
    await page.locator('#areas-0-name').fill('Winterton');
    await page
      .locator('#areas-0-focusIssue')
      .fill('Anti-social behaviour in park areas where young people gather');
    await page.locator('#areas-0-cap').fill('£10,000');
    await page.locator('#areas-1-name').fill('Bridlington South');
    await page.locator('#areas-1-focusIssue').fill('Anti-social behaviour linked to drug taking');
    await page.locator('#areas-1-cap').fill('10000');
    await page.locator('#maxGrant').fill('£10,000');
    await page.getByRole('button', { name: 'Create round' }).click();
    await page.waitForURL(/\?saved=created$/);
    const id = new URL(page.url()).pathname.split('/')[3];
    const saved = await ctx.get(RoundsService).get(id, { includeDrafts: true });
    expect(saved).toMatchObject({
      decisionMethod: 'public-vote',
      shortlistSize: 3,
      winnersPerArea: 1,
      recommendThresholdBp: null,
    });
    expect(saved.areas.map((a) => [a.name, a.budgetCapPence])).toEqual([
      ['Winterton', 1_000_000],
      ['Bridlington South', 1_000_000],
    ]);
  });

  it('lets an assessor see the rounds but not create one', async () => {
    const page = await visitor();
    await signIn(page, assessor);
    await expect(page.locator('h1').textContent()).resolves.toBe('Rounds');
    await expect(page.getByRole('button', { name: 'Create a round' }).count()).resolves.toBe(0);
    const response = await page.goto('/staff/rounds/new');
    expect(response?.status()).toBe(403);
  });

  it('signing out ends the session: the old cookie no longer works', async () => {
    const page = await visitor();
    await signIn(page, officer);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'grants_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL('**/staff/sign-in?signed-out');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'You have signed out',
    );
    expect((await page.context().cookies()).some((c) => c.name === 'grants_session')).toBe(false);

    const replay = await visitor();
    await replay.context().addCookies([cookie!]);
    await replay.goto('/staff/rounds');
    expect(new URL(replay.url()).pathname).toBe('/staff/sign-in');
  });
});
