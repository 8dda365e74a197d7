import { expect } from '@jest/globals';
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
import { TEST_PASSWORD } from './browser-fixtures';

/** What the staff pages' browser tests share: axe, screenshots, signing in, the error summary. */
export async function expectAxeClean(page: Page): Promise<void> {
  expect(describeViolations(await axeViolations(page))).toEqual([]);
}

/** BROWSER_SCREENSHOT_DIR=/tmp/shots keeps a picture of the page, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.BROWSER_SCREENSHOT_DIR)
    await page.screenshot({
      path: join(process.env.BROWSER_SCREENSHOT_DIR, `${name}.png`),
      fullPage: true,
    });
}

export async function signInAsStaff(page: Page, user: { email: string }): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));
}

export async function errorSummaryLinks(page: Page) {
  // After a form post the title (in the head) can be read before the body is parsed: wait for
  // the summary itself, or a loaded machine reads an empty list.
  await page.locator('.govuk-error-summary').waitFor({ state: 'attached' });
  return page
    .locator('.govuk-error-summary a')
    .evaluateAll((links) =>
      links.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') })),
    );
}

/**
 * A spec's server and browser: each visitor gets a fresh browser context (its own cookies), and
 * stop() closes them all, then the browser and the server.
 */
export class BrowserVisits {
  private server?: ServerProcess;
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];

  async start(): Promise<void> {
    this.server = await startServer();
    this.browser = await launchBrowser();
  }

  async visitor(): Promise<Page> {
    const { context, page } = await newVisitor(this.browser!, this.server!.baseUrl);
    this.contexts.push(context);
    return page;
  }

  /** A visitor signed in as this member of staff, with the page's script errors being collected. */
  async staffVisitor(user: { email: string }): Promise<{ page: Page; pageErrors: string[] }> {
    const page = await this.visitor();
    const pageErrors = collectPageErrors(page);
    await signInAsStaff(page, user);
    return { page, pageErrors };
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser?.close();
    await this.server?.stop();
  }
}
