import { MailboxMessage, MailOutboxService, OutboundEmail } from '@grants/core';
import { jest } from '@jest/globals';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaff } from '../factories/staff.factory';
import { collectPageErrors, launchBrowser, newVisitor } from '../support/browser';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { expectAxeClean, screenshot, signInAsStaff } from './page-helpers';

/** Browsers are slow on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

describe('failed emails page in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    // The worker in the server sends a resent email to the local mailbox.
    server = await startServer({ withWorker: true });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  async function officerPage(): Promise<{ page: Page; pageErrors: string[] }> {
    const { context, page } = await newVisitor(browser, server.baseUrl);
    contexts.push(context);
    const pageErrors = collectPageErrors(page);
    await signInAsStaff(page, await createStaff(ctx, 'grants-officer'));
    return { page, pageErrors };
  }

  /** A row as the sender leaves it when a send timed out: failed, the outcome unknown. */
  async function timedOutEmail(to: string): Promise<string> {
    const [id] = await ctx.dataSource.transaction((manager) =>
      ctx.get(MailOutboxService).write(manager, [
        {
          to,
          template: 'subscriptions/confirm-subscription',
          data: {
            fundName: "Commissioner's Safety Fund",
            confirmUrl: 'http://localhost:3000/subscriptions/confirm?token=t',
            unsubscribeUrl: 'http://localhost:3000/subscriptions/unsubscribe?token=u',
            expiresAtUk: '29 November 2026 at 9am',
          },
        },
      ]),
    );
    await ctx.dataSource.query(
      `UPDATE outbound_emails SET status = 'failed', attempts = 1, claimed_at = now(),
         last_error = 'Outcome unknown, check before resending: Timeout' WHERE id = $1`,
      [id],
    );
    return id;
  }

  it('says when no email has failed, and passes axe', async () => {
    const { page, pageErrors } = await officerPage();
    await page.goto('/staff/emails');
    await expect(page.locator('h1').textContent()).resolves.toBe('Failed emails');
    await expect(page.locator('#no-failed-emails').isVisible()).resolves.toBe(true);
    await expectAxeClean(page);
    await screenshot(page, 'failed-emails-empty');
    expect(pageErrors).toEqual([]);
  });

  it('lists a failed email with the warning, resends it with the button, and passes axe', async () => {
    const to = 'resident.timeout@example.org.uk';
    const id = await timedOutEmail(to);
    const { page, pageErrors } = await officerPage();
    await page.goto('/staff/emails');
    const row = page.locator(`#email-${id}`);
    await expect(row.textContent()).resolves.toContain(to);
    await expect(row.textContent()).resolves.toContain("Commissioner's Safety Fund");
    await expect(page.locator('.govuk-warning-text').textContent()).resolves.toContain(
      'Check with the recipient before resending',
    );
    await expectAxeClean(page);
    await screenshot(page, 'failed-emails-list');

    await row.getByRole('button', { name: `Resend the email to ${to}` }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'resent');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'put back in the queue',
    );
    await expect(page.locator(`#email-${id}`).count()).resolves.toBe(0);
    await expectAxeClean(page);
    await screenshot(page, 'failed-emails-resent');

    await waitUntil(
      async () =>
        (await ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id })).status ===
        'sent',
      30_000,
    );
    expect(await ctx.dataSource.getRepository(MailboxMessage).countBy({ toAddress: to })).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
