import { Application, ApplicationsService } from '@grants/applications';
import { GrantRound } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { createOpenRound, lastSignInCode } from '../factories/application.factory';
import { CRF, createFund } from '../factories/round.factory';
import {
  axeViolations,
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newVisitor,
} from '../support/browser';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { pilotInput } from './browser-fixtures';

jest.setTimeout(240_000);

/**
 * An applicant's whole journey in a browser, on the Community Response Fund pilot (Winterton,
 * Bridlington South): the round page, the eligibility questions, sign-in by emailed code, the
 * organisation, every section, check answers, submit, the dashboard and messages, and
 * withdrawing another draft. Every page is checked with axe and for script or CSP errors.
 */
describe('applicant journey in a browser', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let pilot: GrantRound;
  const email = `sam-${randomBytes(3).toString('hex')}@winterton-youth.org.uk`;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    pilot = await createOpenRound(
      ctx,
      CRF.slug,
      pilotInput({ opensAt: new Date(Date.now() - 60_000) }),
    );
    server = await startServer();
    browser = await launchBrowser();
    ({ page } = await newVisitor(browser, server.baseUrl));
    pageErrors = collectPageErrors(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ctx?.close();
  });

  /** The page is axe-clean and loaded without script, CSP or asset errors. */
  const clean = async () => {
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    expect(pageErrors).toEqual([]);
  };
  const heading = async () => ((await page.locator('h1').first().textContent()) ?? '').trim();
  const continueButton = () => page.getByRole('button', { name: 'Continue', exact: true });
  const saveAndContinue = async () => {
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForLoadState();
  };

  it('applies from the round page to the confirmation, and sees it on the dashboard', async () => {
    await page.goto(`/rounds/${pilot.id}`);
    await clean();
    await page.getByRole('button', { name: /Apply for a grant/ }).click();
    expect(await heading()).toBe('Apply for a grant: Community Response Fund pilot');
    await clean();
    await page.getByRole('button', { name: /Start now/ }).click();

    // What type of organisation: a company cannot apply, and is told why.
    expect(await heading()).toContain('What type of organisation are you?');
    await clean();
    await continueButton().click();
    expect(await page.title()).toMatch(/^Error: /);
    await clean();
    await page.getByLabel('Company', { exact: true }).check();
    await continueButton().click();
    expect(await heading()).toBe('Your organisation cannot apply to this round');
    expect(await page.locator('main').textContent()).toContain('Community group');
    await clean();
    await page.getByRole('link', { name: 'change your answer' }).click();
    await page.getByLabel('Community group', { exact: true }).check();
    await continueButton().click();

    // Where: Winterton.
    expect(await heading()).toContain('Where will your project take place?');
    await clean();
    await page.getByLabel('Winterton').check();
    await continueButton().click();

    // How much: within the area's cap.
    expect(await heading()).toContain('How much do you need?');
    await clean();
    await page.getByLabel(/How much do you need/).fill('£9,500.005');
    await continueButton().click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'no more than 2 decimal places',
    );
    await clean();
    await page.getByLabel(/How much do you need/).fill('£9,500');
    await continueButton().click();
    expect(await heading()).toBe('You can apply');
    await clean();
    await page.getByRole('button', { name: 'Start your application' }).click();

    // Sign in with the emailed code.
    expect(await heading()).toBe('Sign in to apply for a grant');
    await clean();
    await page.getByLabel('Email address').fill(email);
    await continueButton().click();
    expect(await heading()).toBe('Check your email');
    await clean();
    await page.getByLabel('Enter the 6-digit code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // One wrong try (the chance the real code is 000000 is one in a million).
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The code is not right',
    );
    await clean();
    await page
      .getByLabel('Enter the 6-digit code')
      .fill(await lastSignInCode(ctx.dataSource, email));
    await page.getByRole('button', { name: 'Sign in' }).click();

    // No organisation yet: add one, then choose it.
    expect(await heading()).toContain('Add your organisation');
    await clean();
    await page.getByRole('button', { name: 'Add your organisation' }).click();
    expect(await heading()).toBe('Add your organisation');
    await clean();
    expect(await page.getByLabel('Community group', { exact: true }).isChecked()).toBe(true);
    await page.locator('#name').fill('Winterton Youth Club');
    await page.locator('#postcode').fill('not a postcode');
    await saveAndContinue();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the first line of the address',
    );
    await clean();
    await page.locator('#addressLine1').fill('Winterton Community Centre, West Street');
    await page.locator('#town').fill('Winterton');
    await page.locator('#postcode').fill('dn15 9qg');
    await page.locator('#contactName').fill('Sam Foster');
    await page.locator('#contactEmail').fill(email);
    await page.locator('#contactPhone').fill('01724 000000');
    await page.locator('#safeguardingLeadName').fill('Jo Ward');
    await page.locator('#safeguardingLeadEmail').fill('jo@winterton-youth.org.uk');
    await saveAndContinue();
    expect(await heading()).toContain('Which organisation is applying?');
    await clean();
    await page.getByLabel('Winterton Youth Club').check();
    await page.getByRole('button', { name: 'Start application' }).click();

    // The task list, with the eligibility answers already in the draft.
    expect(await heading()).toBe('Untitled application');
    await clean();
    expect(await page.locator('main').textContent()).toContain(
      'You have completed 0 of 6 sections',
    );

    await page.getByRole('link', { name: 'About the project' }).click();
    await clean();
    await page.getByLabel('Project title').fill('Park nights in Winterton');
    await page
      .getByLabel('Summary of the project')
      .fill(
        'Youth workers in the park on Friday and Saturday evenings.\nFootball and a warm space.',
      );
    expect(await page.getByLabel('Winterton').isChecked()).toBe(true);
    await page.getByLabel('Neighbourhood and community policing').check();
    await page
      .getByLabel(/How does the project address/)
      .fill('Gives young people somewhere to go where they gather in the park.');
    await saveAndContinue();

    await page.getByRole('link', { name: 'Funding and budget' }).click();
    expect(await page.getByLabel('How much are you asking for?').inputValue()).toBe('9500.00');
    await clean();
    await page.locator('#budgetLines-0-item').fill('Youth workers');
    await page.locator('#budgetLines-0-amount').fill('7000');
    await page.locator('#budgetLines-1-item').fill('Equipment');
    await page.locator('#budgetLines-1-amount').fill('2000');
    await saveAndContinue();
    // The lines must add up to the amount: fix the second.
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The budget lines add up to £9,000.00',
    );
    await clean();
    await page.locator('#budgetLines-1-amount').fill('2500');
    await saveAndContinue();

    await page.getByRole('link', { name: 'Start date and length' }).click();
    await clean();
    const start = new Date(pilot.closesAt.getTime() + 40 * 24 * 3600_000);
    await page.getByLabel('Day', { exact: true }).fill(String(start.getUTCDate()));
    await page.getByLabel('Month', { exact: true }).fill(String(start.getUTCMonth() + 1));
    await page.getByLabel('Year', { exact: true }).fill(String(start.getUTCFullYear()));
    await page.getByLabel('How many months will the project run for?').fill('6');
    await saveAndContinue();

    await page.getByRole('link', { name: 'Outcomes' }).click();
    await clean();
    await page
      .getByLabel('What will the project achieve?')
      .fill('Fewer reports of anti-social behaviour in the park at weekends.');
    await page
      .getByLabel('How will you measure it?')
      .fill('Attendance registers and police ASB reports for the ward, every quarter.');
    await saveAndContinue();

    await page.getByRole('link', { name: 'Who will benefit' }).click();
    await clean();
    await page.getByLabel('Young people aged 11 to 17').check();
    await page.getByLabel('How many people will benefit?').fill('60');
    await page.getByLabel('Who are they?').fill('Young people who gather in the park.');
    await saveAndContinue();

    await page.getByRole('link', { name: 'Declarations' }).click();
    await clean();
    await saveAndContinue();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Confirm the information you have given is true',
    );
    await clean();
    await page.getByLabel(/the information in this application is true/).check();
    await page.getByLabel(/has safeguarding, equality and data protection policies/).check();
    await saveAndContinue();

    expect(await heading()).toBe('Park nights in Winterton');
    expect(await page.locator('main').textContent()).toContain(
      'You have completed 6 of 6 sections',
    );
    await clean();

    await page.getByRole('link', { name: 'Check your answers and submit' }).click();
    expect(await heading()).toBe('Check your answers before you submit');
    const answers = (await page.locator('.govuk-summary-list').textContent()) ?? '';
    expect(answers).toContain('Winterton Youth Club');
    expect(answers).toContain('Youth workers: £7,000.00');
    expect(answers).toContain('£9,500.00');
    await clean();
    await page.getByRole('button', { name: 'Submit application' }).click();

    expect(await heading()).toContain('Application submitted');
    const { reference } = await ctx.dataSource
      .getRepository(Application)
      .findOneByOrFail({ projectTitle: 'Park nights in Winterton' });
    expect(reference).toMatch(/^CRF-\d{4}-PILOT-0001$/);
    expect(await page.locator('.govuk-panel').textContent()).toContain(reference!);
    await clean();

    await page.getByRole('link', { name: 'Your applications' }).first().click();
    expect(await heading()).toBe('Your applications');
    const table = (await page.locator('table').textContent()) ?? '';
    expect(table).toContain(reference!);
    expect(table).toContain('Submitted');
    await clean();

    await page.getByRole('link', { name: 'Park nights in Winterton' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(reference!);
    await clean();
    await page.getByRole('link', { name: 'Messages about this application' }).click();
    expect(await page.locator('main').textContent()).toContain(`Application ${reference} received`);
    await clean();

    await page.getByRole('link', { name: 'Your organisations' }).first().click();
    await clean();
    await page.getByRole('link', { name: /Members/ }).click();
    expect(await page.locator('main').textContent()).toContain(email);
    await clean();
  });

  it('withdraws another draft after confirming', async () => {
    const applicant = await ctx.dataSource.getRepository(Applicant).findOneByOrFail({ email });
    const organisation = await ctx.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ name: 'Winterton Youth Club' });
    const draft = await ctx.get(ApplicationsService).start(applicant, pilot.id, organisation.id);
    await ctx
      .get(ApplicationsService)
      .saveAnswers(
        applicant,
        draft.id,
        { projectTitle: 'Bridlington drop-in' },
        { complete: false },
      );

    await page.goto('/applications');
    await page.getByRole('link', { name: 'Bridlington drop-in' }).click();
    await clean();
    await page.getByRole('link', { name: 'Withdraw this application' }).click();
    expect(await heading()).toBe('Are you sure you want to withdraw Bridlington drop-in?');
    await clean();
    await page.getByLabel(/Why are you withdrawing it/).fill('Another group is running this.');
    await page.getByRole('button', { name: 'Withdraw application' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Application withdrawn',
    );
    await clean();
    const after = await ctx.dataSource.getRepository(Application).findOneByOrFail({ id: draft.id });
    expect(after.status).toBe('withdrawn');
  });
});
