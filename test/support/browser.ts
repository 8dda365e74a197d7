import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  chromium,
  Locator,
  Page,
} from 'playwright-core';

/**
 * Headless Chromium (Debian's package, driven by playwright-core) for the browser tests, and
 * axe-core run inside the page. `apt-get install -y chromium` puts it at /usr/bin/chromium.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (its own cookies) for one visitor; JavaScript can be turned off. */
export async function newVisitor(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, ...options });
  const page = await context.newPage();
  return { context, page };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  description: string;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

const AXE_PATH = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');
let axeSource: string | undefined;

/**
 * Runs axe-core on the page as it is now and returns the violations.
 *
 * The pages' CSP allows no inline scripts, so page.addScriptTag (which inserts the file's text
 * as an inline <script>) is refused. Evaluating the same file through the DevTools protocol
 * is not subject to the page's CSP, so the tests keep the real CSP on and still run axe.
 * With JavaScript disabled in the context nothing can run: check accessibility with JS on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0;`);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: unknown }> } })
      .axe;
    const result = await axe.run();
    return JSON.parse(JSON.stringify(result.violations)) as AxeViolation[];
  });
}

/**
 * Console errors, script errors and failed sub-resources (a script or style refused by the CSP,
 * a missing asset) on a page, so a test can check that it loaded cleanly. The page itself may
 * be a 4xx on purpose (a form with errors), so only the resources it loads are checked.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every 4xx response, the page's own included; resources are checked below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // A request the browser dropped because the page moved on (a favicon mid-navigation) is not a fault.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400)
      errors.push(`${response.status()}: ${response.url()}`);
  });
  return errors;
}

/** Violations as short lines, so a failing test says what is wrong and where. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Clicks a button that posts a form and waits until the page the post answers with has loaded.
 * A form shown again with errors has the same URL, so waiting for a URL would not do: reading
 * the page straight after the click can still see the old document.
 */
export async function submitWith(page: Page, button: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  await button.click();
  await navigated;
  await page.waitForLoadState('load');
}
