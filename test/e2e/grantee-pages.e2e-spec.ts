import { Award } from '@grants/awards';
import { Applicant, staffActor } from '@grants/identity';
import {
  AwardAcceptanceService,
  AwardVariation,
  MonitoringReturn,
  MonitoringReturnsService,
} from '@grants/monitoring';
import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createOrganisation, lastSignInCode } from '../factories/application.factory';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { endReturnPeriods } from '../factories/live-grant.factory';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

/** The error summary's links, as [href, text]. */
function errorLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)].map((m) => [
    m[1],
    m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  ]);
}

const RETURN_FORM = {
  progress: 'Twelve Saturday sessions ran at the boxing club.',
  spendToDate: '£4,000',
  peopleReached: '38',
  outcomes: 'Two young people now volunteer as coaches.',
  rag: 'green',
  ragReason: '',
  changesNeeded: '',
};

/**
 * The grantee's pages over HTTP: their grants, one grant, sending a monitoring return (and again
 * when asked for more information), asking for a change. Form errors write nothing; another
 * organisation's member gets 404 on every page and post; a post without the CSRF token is refused.
 */
describe('grantee pages', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let decided: DecidedRound;
  let offered: DecidedRound;
  let grantee: HttpClient;
  let stranger: HttpClient;
  let award: Award;
  let returns: MonitoringReturn[];
  const tag = randomBytes(3).toString('hex');

  const grantPath = () => `/applications/${decided.apps[0].id}/grant`;
  const returnPath = (r: MonitoringReturn) => `${grantPath()}/returns/${r.id}`;
  const variationPath = () => `${grantPath()}/variation`;
  const loadReturn = (r: MonitoringReturn) =>
    ctx.dataSource.manager.findOneByOrFail(MonitoringReturn, { id: r.id });
  const variationCount = async () =>
    ctx.dataSource.manager.countBy(AwardVariation, { awardId: award.id });

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
    decided = await createDecidedRound(ctx, 'GRP');
    offered = await createDecidedRound(ctx, 'GRO');
    const applicant = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    await ctx.get(AwardAcceptanceService).accept(applicant, decided.apps[0].id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    award = await ctx.dataSource.manager.findOneByOrFail(Award, {
      applicationId: decided.apps[0].id,
    });
    await endReturnPeriods(ctx, award.id);
    returns = await ctx.dataSource.manager.find(MonitoringReturn, {
      where: { awardId: award.id },
      order: { sequence: 'ASC' },
    });
    // The last return is long overdue, so the overdue tags show.
    await ctx.dataSource.query(
      `UPDATE monitoring_returns SET due_on = '2020-01-31' WHERE id = $1`,
      [returns[returns.length - 1].id],
    );
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    grantee = await signIn(decided.applicantEmail);
    const strangerEmail = `stranger-${tag}@braunstone-youth.org.uk`;
    stranger = await signIn(strangerEmail);
    await createOrganisation(
      ctx,
      await ctx.dataSource.manager.findOneByOrFail(Applicant, { email: strangerEmail }),
    );
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lists the organisation’s grants, linked from the navigation', async () => {
    const page = await grantee.getPage('/your-grants');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/your-grants"');
    expect(page.text).toContain(`href="${grantPath()}"`);
    expect(page.text).toContain(decided.apps[0].reference!);
    expect(page.text).toContain('£15,000.00');
    expect(page.text).toContain('Overdue');
    // The stranger's organisations have no grants.
    const theirs = await stranger.getPage('/your-grants');
    expect(theirs.text).toContain('Your organisations have no grants yet');
    expect(theirs.text).not.toContain(decided.apps[0].reference!);
  });

  it('shows a grant: payments, returns with their links, and "Request a change"', async () => {
    const page = await grantee.getPage(grantPath());
    expect(page.status).toBe(200);
    expect(page.text).toContain('50% on acceptance');
    expect(page.text).toContain('£7,500.00');
    expect(page.text).toContain(`href="${returnPath(returns[0])}"`);
    expect(page.text).toContain('Monitoring return 1');
    expect(page.text).toContain('Overdue');
    expect(page.text).toContain(`href="${variationPath()}"`);
  });

  it('links an offered grant to its offer, and shows the offer’s last day there', async () => {
    const client = await signIn(offered.applicantEmail);
    const page = await client.getPage(`/applications/${offered.apps[0].id}/grant`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/applications/${offered.apps[0].id}/award"`);
    expect(page.text).toContain('accept it by');
    const offer = await client.getPage(`/applications/${offered.apps[0].id}/award`);
    expect(offer.text).toContain('Last day to accept');
    // An application with no grant has no grant page.
    expect((await client.getPage(`/applications/${offered.apps[1].id}/grant`)).status).toBe(404);
  });

  it('refuses an incomplete return with every problem on its field, writing nothing', async () => {
    const path = returnPath(returns[0]);
    expect((await grantee.getPage(path)).status).toBe(200);
    const empty = await grantee.postForm(path, {});
    expect(empty.status).toBe(422);
    expect(errorLinks(empty.text).map(([href]) => href)).toEqual([
      '#progress',
      '#spendToDate',
      '#peopleReached',
      '#outcomes',
      '#rag',
    ]);
    const amber = await grantee.postForm(path, {
      ...RETURN_FORM,
      spendToDate: '£4,000.555',
      rag: 'amber',
    });
    expect(amber.status).toBe(422);
    expect(errorLinks(amber.text).map(([href]) => href)).toEqual(['#spendToDate', '#ragReason']);
    // What was typed is shown again.
    expect(amber.text).toContain('Twelve Saturday sessions ran at the boxing club.');
    expect((await loadReturn(returns[0])).status).toBe('due');
  });

  it('refuses a post without the CSRF token, changing nothing', async () => {
    await grantee.getPage(returnPath(returns[0]));
    const res = await grantee.request('POST', returnPath(returns[0]), { form: RETURN_FORM });
    expect(res.status).toBe(403);
    const variation = await grantee.request('POST', variationPath(), {
      form: { reason: 'x', budgetChanges: 'y' },
    });
    expect(variation.status).toBe(403);
    expect((await loadReturn(returns[0])).status).toBe('due');
    expect(await variationCount()).toBe(0);
  });

  it('sends a return, shows it read-only, and takes it again when asked for more', async () => {
    const path = returnPath(returns[0]);
    await grantee.getPage(path);
    const sent = await grantee.postForm(path, {
      ...RETURN_FORM,
      rag: 'red',
      ragReason: 'Hall closed',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`${grantPath()}?done=return`);
    expect(await loadReturn(returns[0])).toMatchObject({
      status: 'submitted',
      spendToDatePence: 400_000,
      peopleReached: 38,
      granteeRag: 'red',
      granteeRagReason: 'Hall closed',
    });
    const banner = await grantee.getPage(`${grantPath()}?done=return`);
    expect(banner.text).toContain('Your monitoring return has been sent');
    const readOnly = await grantee.getPage(path);
    expect(readOnly.text).toContain('What you sent');
    expect(readOnly.text).not.toContain('Send the return');
    // Sending it twice is refused.
    const again = await grantee.postForm(path, RETURN_FORM);
    expect(again.status).toBe(409);

    const officer = staffActor(await createStaff(ctx, 'grants-officer'));
    await ctx.get(MonitoringReturnsService).review(officer, returns[0].id, {
      rag: 'amber',
      comment: '',
      outcome: 'more-information',
      question: 'How many sessions were cancelled?',
    });
    const asked = await grantee.getPage(path);
    expect(asked.text).toContain('How many sessions were cancelled?');
    expect(asked.text).toContain('Twelve Saturday sessions ran at the boxing club.');
    expect(asked.text).toContain('value="4000.00"');
    const answered = await grantee.postForm(path, {
      ...RETURN_FORM,
      progress: 'Two sessions were cancelled; ten ran.',
    });
    expect(answered.status).toBe(303);

    await ctx.get(MonitoringReturnsService).review(officer, returns[0].id, {
      rag: 'green',
      comment: 'Good progress.',
      outcome: 'accept',
      question: '',
    });
    const accepted = await grantee.getPage(path);
    expect(accepted.text).toContain("The grants team's review");
    expect(accepted.text).toContain('Good progress.');
  });

  it('refuses a change request with nothing to change or an impossible date, writing nothing', async () => {
    expect((await grantee.getPage(variationPath())).status).toBe(200);
    const empty = await grantee.postForm(variationPath(), {});
    expect(empty.status).toBe(422);
    expect(errorLinks(empty.text)).toEqual([
      ['#newAmount', 'Say what should change: the amount, the end date or the budget lines'],
      ['#reason', 'Explain why the change is needed'],
    ]);
    const badDate = await grantee.postForm(variationPath(), {
      newAmount: 'lots',
      'newEndOn-day': '31',
      'newEndOn-month': '2',
      'newEndOn-year': '2030',
      reason: 'More weeks',
    });
    expect(badDate.status).toBe(422);
    expect(errorLinks(badDate.text).map(([href]) => href)).toEqual(['#newAmount', '#newEndOn-day']);
    expect(await variationCount()).toBe(0);
  });

  it('sends a change request, then waits for its decision', async () => {
    await grantee.getPage(variationPath());
    const res = await grantee.postForm(variationPath(), {
      newAmount: '',
      'newEndOn-day': '',
      'newEndOn-month': '',
      'newEndOn-year': '',
      budgetChanges: 'Move £300 from room hire to coaching',
      reason: 'The council now lends us the hall',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${grantPath()}?done=variation`);
    const [variation] = await ctx.dataSource.manager.findBy(AwardVariation, { awardId: award.id });
    expect(variation).toMatchObject({
      status: 'requested',
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £300 from room hire to coaching',
    });
    const page = await grantee.getPage(`${grantPath()}?done=variation`);
    expect(page.text).toContain('Your request to change the grant has been sent');
    expect(page.text).toContain('Waiting for a decision');
    expect(page.text).not.toContain(`href="${variationPath()}"`);
    const second = await grantee.getPage(variationPath());
    expect(second.text).toContain('waiting for the grants team');
  });

  it('answers another organisation’s member 404 on every page and post', async () => {
    await stranger.getPage('/your-grants');
    for (const path of [grantPath(), returnPath(returns[1]), variationPath()])
      expect([path, (await stranger.getPage(path)).status]).toEqual([path, 404]);
    const before = await loadReturn(returns[1]);
    const posted = await stranger.postForm(returnPath(returns[1]), RETURN_FORM);
    expect(posted.status).toBe(404);
    const asked = await stranger.postForm(variationPath(), {
      budgetChanges: 'x',
      reason: 'y',
    });
    expect(asked.status).toBe(404);
    expect((await loadReturn(returns[1])).status).toBe(before.status);
    expect(await variationCount()).toBe(1);
    // A return of the grant under another application's id is not found either.
    const mixed = `/applications/${offered.apps[0].id}/grant/returns/${returns[1].id}`;
    expect((await grantee.getPage(mixed)).status).toBe(404);
  });

  it('sends someone not signed in to sign in', async () => {
    const res = await new HttpClient(server.baseUrl).getPage(grantPath());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/sign-in');
  });
});
