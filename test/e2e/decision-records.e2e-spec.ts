import { Application } from '@grants/applications';
import { DecisionRecordsService, STANDARD_CONDITIONS } from '@grants/awards';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundBudgetService } from '@grants/funds';
import { jest } from '@jest/globals';
import {
  createApplicant,
  createOrganisation,
  lastSignInCode,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createDecidedRound } from '../factories/decided-round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

/** What a reader sees of a page: its text without tags, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

describe('decision records and the applicant side of decisions, over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let apps: Application[];
  let number: string;
  let organisationName: string;
  let applicantPages: HttpClient;
  let otherApplicantPages: HttpClient;
  let publicPages: HttpClient;

  /** Signs an applicant in through the pages with the code from their email. */
  async function signIn(email: string): Promise<HttpClient> {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/sign-in');
    const asked = await client.postForm('/sign-in', { email });
    expect(asked.status).toBe(303);
    await client.getPage(asked.headers.get('location')!);
    const code = await lastSignInCode(ctx.dataSource, email);
    expect((await client.postForm('/sign-in/code', { code })).status).toBe(303);
    return client;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    const decided = await createDecidedRound(ctx, 'DRP');
    ({ round, apps, number, organisationName } = decided);
    const other = await createApplicant(ctx);
    await createOrganisation(ctx, other, { name: 'Another Community Group' });

    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    publicPages = new HttpClient(server.baseUrl);
    applicantPages = await signIn(decided.applicantEmail);
    otherApplicantPages = await signIn(other.email);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('keeps a signed-off record out of public view until it is published', async () => {
    expect((await publicPages.getPage(`/decisions/${number}`)).status).toBe(404);
    expect((await publicPages.get(`/decisions/${number}.pdf`)).status).toBe(404);
    expect((await publicPages.getPage('/decisions/DR-1999-999')).status).toBe(404);
    const list = await publicPages.getPage('/decisions');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(number);
    expect(visibleText(list.text)).toContain('No decision records have been published yet');
    const roundPage = await publicPages.getPage(`/rounds/${round.id}`);
    expect(roundPage.text).not.toContain('/decisions/');
  });

  it('shows the applicant their offer: the amount, the conditions and what happens next', async () => {
    const taskList = await applicantPages.getPage(`/applications/${apps[0].id}`);
    expect(taskList.status).toBe(200);
    expect(visibleText(taskList.text)).toContain('You have been offered a grant of £15,000.00');
    expect(taskList.text).toContain(`href="/applications/${apps[0].id}/award"`);

    const award = await applicantPages.getPage(`/applications/${apps[0].id}/award`);
    expect(award.status).toBe(200);
    const text = visibleText(award.text);
    expect(text).toContain('£15,000.00');
    for (const condition of STANDARD_CONDITIONS) expect(text).toContain(condition);
    expect(text).toContain('Accept the grant');
    expect(award.text).toContain(`action="/applications/${apps[0].id}/award/accept"`);
    expect(award.text).toContain(`action="/applications/${apps[0].id}/award/decline"`);
    expect(text).toContain('the money goes back to the fund');
    // Not yet published: the number alone, no link to a page that would be a 404.
    expect(text).toContain(number);
    expect(award.text).not.toContain(`href="/decisions/${number}"`);
  });

  it('tells an unsuccessful applicant the feedback sent with the decision', async () => {
    const page = await applicantPages.getPage(`/applications/${apps[2].id}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain('Your application has not been funded');
    expect(text).toContain('The panel found the outcomes hard to measure.');
    // No award to read, and no score to see.
    expect((await applicantPages.getPage(`/applications/${apps[2].id}/award`)).status).toBe(404);
  });

  it("keeps another organisation's applicant, and anyone signed out, away from the offer", async () => {
    const path = `/applications/${apps[0].id}/award`;
    expect((await otherApplicantPages.getPage(path)).status).toBe(404);
    expect((await otherApplicantPages.getPage(`/applications/${apps[0].id}`)).status).toBe(404);
    const signedOut = await publicPages.getPage(path);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/sign-in');
  });

  it("takes the organisation's answer to the offer: checked, only theirs, and only once", async () => {
    const path = `/applications/${apps[0].id}/award`;
    await applicantPages.getPage(path);
    const missing = await applicantPages.postForm(`${path}/accept`, {});
    expect(missing.status).toBe(422);
    const problems = visibleText(missing.text);
    expect(problems).toContain('There is a problem');
    expect(problems).toContain('Enter the full name of the person accepting');
    expect(problems).toContain('Enter their role in the organisation');
    expect(problems).toContain('Confirm that you may accept grants for the organisation');
    for (const id of ['name', 'role', 'confirmed']) expect(missing.text).toContain(`href="#${id}"`);

    const accepting = { name: 'Priya Shah', role: 'Chair of trustees', confirmed: 'yes' };
    await otherApplicantPages.getPage('/applications');
    expect((await otherApplicantPages.postForm(`${path}/accept`, accepting)).status).toBe(404);
    expect(
      (await otherApplicantPages.postForm(`${path}/decline`, { reason: 'Not ours' })).status,
    ).toBe(404);

    await applicantPages.getPage(path);
    const accepted = await applicantPages.postForm(`${path}/accept`, accepting);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`${path}?done=accepted`);
    const page = await applicantPages.getPage(`${path}?done=accepted`);
    const text = visibleText(page.text);
    expect(text).toContain('You have accepted the grant');
    expect(text).toMatch(/Accepted by Priya Shah, Chair of trustees on \d{1,2} \w+ \d{4}/);
    expect(page.text).not.toContain(`action="${path}/accept"`);
    expect(page.text).not.toContain(`action="${path}/decline"`);

    const again = await applicantPages.postForm(`${path}/accept`, accepting);
    expect(again.status).toBe(409);
    expect(visibleText(again.text)).toContain('The organisation has already answered this offer');
    expect(visibleText(again.text)).toContain('Accepted by Priya Shah');
    const declining = await applicantPages.postForm(`${path}/decline`, {
      reason: 'Changed our minds',
    });
    expect(declining.status).toBe(409);
    expect(visibleText(declining.text)).toContain('Accepted by Priya Shah');
  });

  it('declines an offer with a reason, giving the money back to the round', async () => {
    const declinable = await createDecidedRound(ctx, 'DRD');
    const pages = await signIn(declinable.applicantEmail);
    const path = `/applications/${declinable.apps[0].id}/award`;
    await pages.getPage(path);
    const blank = await pages.postForm(`${path}/decline`, { reason: ' ' });
    expect(blank.status).toBe(422);
    expect(visibleText(blank.text)).toContain('Enter why the organisation is declining the grant');
    expect(blank.text).toContain('href="#reason"');
    const declined = await pages.postForm(`${path}/decline`, {
      reason: 'The project lost its venue',
    });
    expect(declined.status).toBe(303);
    const text = visibleText((await pages.getPage(`${path}?done=declined`)).text);
    expect(text).toMatch(/Declined on \d{1,2} \w+ \d{4}/);
    expect(text).toContain('The project lost its venue');
    expect(text).not.toContain('Accept the grant');
    const budget = await ctx.get(RoundBudgetService).summary(declinable.round.id);
    expect(budget.committedPence).toBe(0);
  });

  it('shows applicants no score while the round does not publish them', async () => {
    for (const path of [
      '/applications',
      `/applications/${apps[0].id}`,
      `/applications/${apps[0].id}/award`,
      `/applications/${apps[1].id}`,
      `/applications/${apps[2].id}`,
      `/applications/${apps[2].id}/messages`,
    ]) {
      const page = await applicantPages.getPage(path);
      expect(page.status).toBe(200);
      expect({ path, text: visibleText(page.text) }).not.toMatchObject({
        text: expect.stringContaining('%'),
      });
    }
  });

  it('publishes the record: the list, the printable page, the PDF and the links to it', async () => {
    await ctx.get(DecisionRecordsService).publish(round.id, SYSTEM_ACTOR);

    const list = await publicPages.getPage('/decisions');
    const listText = visibleText(list.text);
    expect(list.text).toContain(`href="/decisions/${number}"`);
    expect(listText).toContain('Diversion from ASB and Crime grants');
    expect(listText).toContain('£15,000.00');

    const page = await publicPages.getPage(`/decisions/${number}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain(number);
    expect(text).toContain(organisationName);
    expect(text).toContain('Boxing club, Saturday mornings');
    expect(text).toContain('£15,000.00');
    expect(text).toContain('Declarations of interest');
    expect(text).toContain('Download PDF');
    expect(page.text).toContain(`href="/decisions/${number}.pdf"`);
    expect(page.text).toContain('media="print"');
    // Only the award: the declined and unrecommended projects are not named.
    expect(text).not.toContain('Detached youth work in Winterton');
    expect(text).not.toContain('Street sport in Bridlington South');

    const pdf = await fetch(`${server.baseUrl}/decisions/${number}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${number}.pdf"`);
    const body = Buffer.from(await pdf.arrayBuffer());
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const roundPage = await publicPages.getPage(`/rounds/${round.id}`);
    expect(roundPage.text).toContain(`href="/decisions/${number}"`);
    const fundPage = await publicPages.getPage(`/funds/${CSF.slug}`);
    expect(fundPage.text).toContain(`href="/decisions/${number}"`);
    expect((await publicPages.getPage('/')).text).toContain('href="/decisions"');

    const award = await applicantPages.getPage(`/applications/${apps[0].id}/award`);
    expect(award.text).toContain(`href="/decisions/${number}"`);
  });

  it('shows the applicant their score on the decision when the round publishes scores', async () => {
    // Chosen before the sign-off: the notices and the pages say the same.
    const scored = await createDecidedRound(ctx, 'DRS', { publishScores: true });
    const pages = await signIn(scored.applicantEmail);
    const award = await pages.getPage(`/applications/${scored.apps[0].id}/award`);
    expect(visibleText(award.text)).toContain('80.00%');
    const declined = await pages.getPage(`/applications/${scored.apps[2].id}`);
    expect(visibleText(declined.text)).toContain('Your application scored 60.00%');
    await ctx.get(DecisionRecordsService).publish(scored.round.id, SYSTEM_ACTOR);
    // Nowhere else: not on the dashboard, nor on the offer's task list.
    for (const path of ['/applications', `/applications/${scored.apps[0].id}`])
      expect(visibleText((await pages.getPage(path)).text)).not.toContain('%');
    // Never on the public record.
    expect(
      visibleText((await publicPages.getPage(`/decisions/${scored.number}`)).text),
    ).not.toContain('%');
  });
});
