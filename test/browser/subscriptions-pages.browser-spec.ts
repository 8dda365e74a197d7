import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { CRF, createFund } from '../factories/round.factory';
import {
  axeViolations,
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newVisitor,
} from '../support/browser';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

jest.setTimeout(120_000);

/** Email updates and /dev/mail pages in a browser: axe-clean, no CSP errors, work without JS. */
describe('email updates and local mailbox pages in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const suffix = randomBytes(2).toString('hex');
  const fund = { ...CRF, slug: `${CRF.slug}-${suffix}`, code: `CRF${suffix.toUpperCase()}` };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, fund);
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

  const clean = async () => {
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    expect(pageErrors).toEqual([]);
  };

  it('form, errors, check your email, confirm, confirmed, unsubscribe, unsubscribed, dev mail', async () => {
    await page.goto(`/funds/${fund.slug}/email-updates`);
    await clean();
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeTruthy();
    expect(await page.title()).toMatch(/^Error: /);
    await clean();
    const email = `browser-${suffix}@example.org`;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('h1').textContent()).toContain('Check your email');
    await clean();

    await page.goto('/dev/mail');
    await waitUntil(async () => {
      await page.reload();
      return (await page.content()).includes(email);
    }, 20_000);
    await clean();
    await page
      .getByRole('link', { name: /Confirm you want emails/ })
      .first()
      .click();
    await clean();
    const text = (await page.locator('pre').textContent()) ?? '';
    const confirmUrl = /http\S+\/subscriptions\/confirm\?token=\S+/.exec(text)![0];
    const unsubscribeUrl = /http\S+\/subscriptions\/unsubscribe\?token=\S+/.exec(text)![0];

    await page.goto(new URL(confirmUrl).pathname + new URL(confirmUrl).search);
    await clean();
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(await page.locator('h1').textContent()).toContain('Email updates confirmed');
    await clean();

    await page.goto(new URL(unsubscribeUrl).pathname + new URL(unsubscribeUrl).search);
    await clean();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    expect(await page.locator('h1').textContent()).toContain('You have unsubscribed');
    await clean();

    await page.goto('/subscriptions/confirm?token=nonsense');
    await clean();
  });

  it('works without JavaScript', async () => {
    const { page: noJs, context } = await newVisitor(browser, server.baseUrl, {
      javaScriptEnabled: false,
    });
    await noJs.goto(`/funds/${fund.slug}/email-updates`);
    await noJs.getByLabel('Email address').fill(`nojs-${suffix}@example.org`);
    await noJs.getByRole('button', { name: 'Continue' }).click();
    expect(await noJs.locator('h1').textContent()).toContain('Check your email');
    await context.close();
  });
});
