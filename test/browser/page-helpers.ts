import { expect } from '@jest/globals';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { axeViolations, describeViolations } from '../support/browser';
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

export function errorSummaryLinks(page: Page) {
  return page
    .locator('.govuk-error-summary a')
    .evaluateAll((links) =>
      links.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') })),
    );
}
