import { Application } from '@grants/applications';
import { Award } from '@grants/awards';
import { addDays, ukToday } from '@grants/core';
import { Applicant, StaffUser } from '@grants/identity';
import {
  AwardAcceptanceService,
  AwardVariationsService,
  MonitoringReturnsService,
  ReturnAnswers,
} from '@grants/monitoring';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { lastSignInCode } from '../factories/application.factory';
import { createDecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';
import { endReturnPeriods } from '../factories/live-grant.factory';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

const answers = (over: Partial<ReturnAnswers> = {}): ReturnAnswers => ({
  progress: 'Twelve Saturday sessions ran at the boxing club.',
  spendToDatePence: 400_000,
  peopleReached: 38,
  outcomes: 'Attendance is steady; two young people now volunteer as coaches.',
  rag: 'amber',
  ragReason: 'The second venue is not booked yet.',
  changesNeeded: '',
  ...over,
});

/** The day parts of a UK date, as the GOV.UK date input posts them. */
function dateFields(name: string, isoDate: string): Record<string, string> {
  const [year, month, day] = isoDate.split('-');
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}

describe('the office grant pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let app: Application;
  let award: Award;
  let grantee: Applicant;
  let officerPages: HttpClient;
  let financePages: HttpClient;
  let deciderPages: HttpClient;
  let assessorPages: HttpClient;
  let applicantPages: HttpClient;
  const grantPath = () => `/staff/grants/${award.id}`;

  async function row<T>(sql: string, params: unknown[]): Promise<T> {
    const [found] = (await ctx.dataSource.query(sql, params)) as T[];
    return found;
  }

  const payments = () =>
    ctx.dataSource.query(
      `SELECT id, sequence, status, amount_pence::int AS amount, reference FROM grant_payments
        WHERE award_id = $1 ORDER BY sequence`,
      [award.id],
    ) as Promise<{ id: string; sequence: number; status: string; amount: number }[]>;

  const returns = () =>
    ctx.dataSource.query(
      `SELECT id, sequence, status, officer_rag AS "officerRag", question FROM monitoring_returns
        WHERE award_id = $1 ORDER BY sequence`,
      [award.id],
    ) as Promise<{ id: string; status: string; officerRag: string | null; question: string }[]>;

  /** The portfolio row of the grant as text, or null when it is not listed. */
  async function portfolioLine(client: HttpClient, query = ''): Promise<string | null> {
    const page = await client.getPage(`/staff/grants${query}`);
    expect(page.status).toBe(200);
    const found = new RegExp(`<tr[^>]*id="grant-${app.reference}"[\\s\\S]*?</tr>`).exec(page.text);
    return found ? pageText(found[0]).trim() : null;
  }

  /** An applicant's session is not a staff one: its form posts go to the staff sign-in. */
  async function expectApplicantRefused(path: string, form: Record<string, string>) {
    const res = await applicantPages.postForm(path, form);
    expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/staff/sign-in']);
  }

  /** Signs an applicant in through the pages with the code from their email. */
  async function signInApplicant(email: string): Promise<HttpClient> {
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
    const decided = await createDecidedRound(ctx, 'GRP');
    app = decided.apps[0];
    // The project starts in a month and runs nine: two quarterly returns and a final report.
    await ctx.dataSource.query(
      `UPDATE applications SET start_date = $2, duration_months = 9 WHERE id = $1`,
      [app.id, addDays(ukToday(new Date()), 30)],
    );
    grantee = await ctx.dataSource.manager.findOneByOrFail(Applicant, {
      email: decided.applicantEmail,
    });
    await ctx.get(AwardAcceptanceService).accept(grantee, app.id, {
      name: 'Priya Shah',
      role: 'Chair of trustees',
      confirmed: true,
    });
    award = await ctx.dataSource.manager.findOneByOrFail(Award, { applicationId: app.id });
    await endReturnPeriods(ctx, award.id);
    const officer: StaffUser = await createStaff(ctx, 'grants-officer');
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    officerPages = await signedInStaff(server.baseUrl, officer);
    financePages = await signedInStaff(server.baseUrl, await createStaff(ctx, 'finance'));
    deciderPages = await signedInStaff(server.baseUrl, await createStaff(ctx, 'decision-maker'));
    assessorPages = await signedInStaff(server.baseUrl, await createStaff(ctx, 'assessor'));
    applicantPages = await signInApplicant(decided.applicantEmail);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('shows the office its live grants with counts and filters, and nobody else', async () => {
    const page = await officerPages.getPage('/staff/grants');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<a[^>]*href="\/staff\/grants"[^>]*aria-current=/);
    expect(pageText(/<table[^>]*id="rag-counts"[\s\S]*?<\/table>/.exec(page.text)![0])).toContain(
      'Red grants 0 Amber grants 0 Green grants 0 No return yet grants 1 All live grants 1',
    );
    const line = await portfolioLine(officerPages);
    expect(line).toContain(app.reference);
    expect(line).toContain('Diversion from ASB and Crime');
    expect(line).toContain('No return yet');
    expect(line).toMatch(/£15,000\.00 £0\.00 \d{1,2} \w+ \d{4} 0 0 No$/);

    // Filters: by status and by round; a value that is not one is no filter, never a 500.
    expect(await portfolioLine(officerPages, '?rag=red')).toBeNull();
    expect(pageText((await officerPages.getPage('/staff/grants?rag=red')).text)).toContain(
      'No live grants match these filters.',
    );
    expect(await portfolioLine(officerPages, '?rag=none')).not.toBeNull();
    expect(await portfolioLine(officerPages, `?round=${award.roundId}`)).not.toBeNull();
    expect(await portfolioLine(officerPages, `?round=${randomUUID()}&rag=bogus`)).not.toBeNull();
    expect(await portfolioLine(officerPages, '?round=nonsense')).not.toBeNull();

    for (const client of [financePages, deciderPages])
      for (const path of ['/staff/grants', '/staff/returns', '/staff/payments', grantPath()])
        expect([path, (await client.getPage(path)).status]).toEqual([path, 200]);
    for (const path of ['/staff/grants', '/staff/returns', '/staff/payments', grantPath()]) {
      expect([path, (await assessorPages.getPage(path)).status]).toEqual([path, 403]);
      // An applicant's session is not a staff one: off to the staff sign-in.
      const asApplicant = await applicantPages.getPage(path);
      expect([path, asApplicant.status]).toEqual([path, 303]);
      expect(asApplicant.headers.get('location')).toMatch(/^\/staff\/sign-in/);
    }
    // Assessors are not shown a link they cannot follow.
    expect((await assessorPages.getPage('/assessments')).text).not.toContain(
      'href="/staff/grants"',
    );
  });

  it('shows one grant with the actions each role may take and the round reconciled', async () => {
    const [first] = await payments();
    const asOfficer = await officerPages.getPage(grantPath());
    expect(asOfficer.status).toBe(200);
    const text = pageText(asOfficer.text);
    expect(text).toContain('Boxing club, Saturday mornings');
    expect(text).toContain('50% on acceptance Due £7,500.00');
    expect(text).toContain('Monitoring return 1');
    expect(text).toContain('Final report');
    expect(text).toContain('The organisation has not asked for any change.');
    expect(text).toContain('The round reconciles');
    const ledger = pageText(/<dl[^>]*id="round-ledger"[\s\S]*?<\/dl>/.exec(asOfficer.text)![0]);
    expect(ledger).toContain('Budget £50,000.00');
    expect(ledger).toContain('Committed £15,000.00');
    expect(ledger).toContain('Not committed £35,000.00');
    expect(ledger).toContain('Still to pay £15,000.00');
    expect(asOfficer.text).toContain(`href="${grantPath()}/close"`);
    expect(asOfficer.text).not.toContain(`/payments/${first.id}"`);

    const asFinance = await financePages.getPage(grantPath());
    expect(asFinance.text).toContain(`href="${grantPath()}/payments/${first.id}"`);
    expect(asFinance.text).not.toContain(`href="${grantPath()}/close"`);
    const asDecider = await deciderPages.getPage(grantPath());
    expect(asDecider.text).not.toContain(`/payments/${first.id}"`);
    expect(asDecider.text).not.toContain(`href="${grantPath()}/close"`);

    // Not a grant: not found, never a 500.
    expect((await officerPages.getPage('/staff/grants/nope')).status).toBe(404);
    expect((await officerPages.getPage(`/staff/grants/${randomUUID()}`)).status).toBe(404);
  });

  it('lets finance record a payment, refusing bad forms and other roles', async () => {
    const [first, second] = await payments();
    const path = `${grantPath()}/payments/${first.id}`;
    const due = await financePages.getPage('/staff/payments');
    expect(pageText(due.text)).toContain(`${app.reference}`);
    expect(due.text).toContain(`href="${path}"`);
    expect((await officerPages.getPage('/staff/payments')).text).not.toContain(`href="${path}"`);

    // Officers and the decision maker read the grant but do not pay it.
    for (const client of [officerPages, deciderPages, assessorPages]) {
      expect((await client.getPage(path)).status).toBe(403);
      await client.getPage('/staff/grants/nope');
      client.csrfToken = financePages.csrfToken;
      expect(
        (
          await client.postForm(path, {
            ...dateFields('paidOn', ukToday(new Date())),
            amount: '7500',
            reference: 'NOT MINE',
          })
        ).status,
      ).toBe(403);
    }

    await expectApplicantRefused(path, {
      ...dateFields('paidOn', ukToday(new Date())),
      amount: '7500',
      reference: 'NOT MINE',
    });

    const form = await financePages.getPage(path);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/id="amount"[^>]*value="7500.00"/);

    const blank = await financePages.postForm(path, { amount: 'lots', reference: '' });
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#paidOn-day', 'Enter the date the payment was made'],
      ['#amount', 'The amount paid must be in pounds, like £1,250 or £1,250.50'],
      ['#reference', 'Enter the payment reference'],
    ]);
    const future = await financePages.postForm(path, {
      ...dateFields('paidOn', addDays(ukToday(new Date()), 2)),
      amount: '8,000',
      reference: 'BACS 0001',
    });
    expect(future.status).toBe(422);
    expect(errorLinks(future.text)).toEqual([
      ['#paidOn-day', 'The payment date must be today or in the past'],
      ['#amount', 'The amount paid must not be more than the £7,500.00 due'],
    ]);
    const notADate = await financePages.postForm(path, {
      ...dateFields('paidOn', '2023-02-31'),
      amount: '7500',
      reference: 'BACS 0001',
    });
    expect(errorLinks(notADate.text)).toEqual([
      ['#paidOn-day', 'The date the payment was made must be a real date, like 27 3 2023'],
    ]);
    expect((await payments()).map((p) => p.status)).toEqual(['due', 'scheduled']);

    // The second instalment waits for the mid-point return.
    const early = await financePages.postForm(`${grantPath()}/payments/${second.id}`, {
      ...dateFields('paidOn', ukToday(new Date())),
      amount: '7500',
      reference: 'BACS 0002',
    });
    expect(early.status).toBe(409);
    expect(errorLinks(early.text)).toEqual([]);
    expect(pageText(early.text)).toContain('This instalment cannot be paid now.');

    const paid = await financePages.postForm(path, {
      ...dateFields('paidOn', ukToday(new Date())),
      amount: '£7,500.00',
      reference: 'BACS 0001',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${grantPath()}?done=paid`);
    expect((await payments()).map((p) => [p.status, p.amount])).toEqual([
      ['paid', 750_000],
      ['scheduled', 750_000],
    ]);
    const after = pageText((await financePages.getPage(paid.headers.get('location')!)).text);
    expect(after).toContain('Payment recorded.');
    expect(after).toContain('50% on acceptance Paid £7,500.00');
    expect(after).toContain('BACS 0001');

    // Twice is refused, and the page says it is paid.
    const again = await financePages.getPage(path);
    expect(pageText(again.text)).toContain('This instalment was paid on');
    const twice = await financePages.postForm(path, {
      ...dateFields('paidOn', ukToday(new Date())),
      amount: '7500',
      reference: 'BACS 0001',
    });
    expect(twice.status).toBe(409);
    expect(pageText(twice.text)).toContain('This payment has already been recorded as paid');
    expect(pageText((await financePages.getPage('/staff/payments')).text)).toContain(
      'No instalments are due.',
    );
    // A payment under another grant's address, or none: not found.
    expect((await financePages.getPage(`${grantPath()}/payments/${randomUUID()}`)).status).toBe(
      404,
    );
    expect(
      (await financePages.getPage(`/staff/grants/${randomUUID()}/payments/${first.id}`)).status,
    ).toBe(404);
  });

  it('lets an officer review a return: ask for more, then accept it', async () => {
    const service = ctx.get(MonitoringReturnsService);
    const [first] = await returns();
    const path = `${grantPath()}/returns/${first.id}`;
    await service.submit(grantee, app.id, first.id, answers());

    expect(await portfolioLine(officerPages)).toContain('Amber (self-assessed)');
    const queue = await officerPages.getPage('/staff/returns');
    expect(pageText(/<table[^>]*id="to-review"[\s\S]*?<\/table>/.exec(queue.text)![0])).toContain(
      `Monitoring return 1 for ${app.reference} ${app.reference}`,
    );
    expect(queue.text).toContain(`href="${path}"`);
    expect((await officerPages.getPage(grantPath())).text).toContain(`href="${path}"`);
    expect((await financePages.getPage(grantPath())).text).not.toContain(`href="${path}"`);

    // Finance and the decision maker read, but do not review.
    for (const client of [financePages, deciderPages, assessorPages]) {
      expect((await client.getPage(path)).status).toBe(403);
      await client.getPage('/staff/grants/nope');
      client.csrfToken = officerPages.csrfToken;
      expect((await client.postForm(path, { rag: 'green', outcome: 'accept' })).status).toBe(403);
    }

    await expectApplicantRefused(path, { rag: 'green', outcome: 'accept' });

    const form = await officerPages.getPage(path);
    expect(form.status).toBe(200);
    expect(pageText(form.text)).toContain('The second venue is not booked yet.');
    const blank = await officerPages.postForm(path, {});
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#rag', 'Choose the RAG status you give the project'],
      ['#outcome', 'Choose whether to accept the return or ask for more information'],
    ]);
    const noQuestion = await officerPages.postForm(path, {
      rag: 'amber',
      outcome: 'more-information',
      question: '',
    });
    expect(errorLinks(noQuestion.text)).toEqual([
      ['#question', 'Enter what the grantee needs to tell you'],
    ]);
    expect((await returns())[0].status).toBe('submitted');

    const asked = await officerPages.postForm(path, {
      rag: 'amber',
      comment: '',
      outcome: 'more-information',
      question: 'When will the second venue be booked?',
    });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe(`${grantPath()}?done=more-information`);
    expect((await returns())[0]).toMatchObject({
      status: 'more-information',
      officerRag: 'amber',
      question: 'When will the second venue be booked?',
    });
    expect(await portfolioLine(officerPages)).toContain('Amber');
    expect(await portfolioLine(officerPages)).not.toContain('self-assessed');

    await service.submit(
      grantee,
      app.id,
      first.id,
      answers({ rag: 'green', ragReason: '', progress: 'The second venue is booked from June.' }),
    );
    const reviewed = await officerPages.getPage(path);
    expect(pageText(reviewed.text)).toContain(
      'The grants team asked: When will the second venue be booked?',
    );
    const accepted = await officerPages.postForm(path, {
      rag: 'green',
      comment: 'Good progress.',
      outcome: 'accept',
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`${grantPath()}?done=accepted`);
    expect((await returns())[0]).toMatchObject({ status: 'accepted', officerRag: 'green' });
    // The mid-point instalment waited on this return: now it is due.
    expect((await payments()).map((p) => p.status)).toEqual(['paid', 'due']);
    expect(await portfolioLine(officerPages, '?rag=green')).toContain('Green');
    expect(pageText((await officerPages.getPage(path)).text)).not.toContain('Save review');
    const twice = await officerPages.postForm(path, { rag: 'green', outcome: 'accept' });
    expect(twice.status).toBe(409);
    expect(pageText(twice.text)).toContain('Only a return the grantee has sent');
    expect((await officerPages.getPage(`${grantPath()}/returns/${randomUUID()}`)).status).toBe(404);
  });

  it('lists overdue returns in the queue and the portfolio', async () => {
    const [, second] = await returns();
    await ctx.dataSource.query(`UPDATE monitoring_returns SET due_on = $2 WHERE id = $1`, [
      second.id,
      addDays(ukToday(new Date()), -3),
    ]);
    const queue = await deciderPages.getPage('/staff/returns');
    expect(pageText(/<table[^>]*id="overdue"[\s\S]*?<\/table>/.exec(queue.text)![0])).toContain(
      `Monitoring return 2 ${app.reference}`,
    );
    expect(await portfolioLine(deciderPages)).toMatch(/ 1 0 No$/);
  });

  it('lets an officer decline and approve a change, with the reason where needed', async () => {
    const variations = ctx.get(AwardVariationsService);
    const first = await variations.request(grantee, app.id, {
      newAmountPence: null,
      newEndOn: null,
      budgetChanges: 'Move £500 from venue hire to coaching',
      reason: 'The council gave us the hall for free.',
    });
    const path = `${grantPath()}/variations/${first.id}`;
    expect(await portfolioLine(officerPages)).toMatch(/ Yes$/);
    expect((await officerPages.getPage(grantPath())).text).toContain(`href="${path}"`);

    for (const client of [financePages, deciderPages, assessorPages]) {
      expect((await client.getPage(path)).status).toBe(403);
      await client.getPage('/staff/grants/nope');
      client.csrfToken = officerPages.csrfToken;
      expect((await client.postForm(path, { decision: 'approve' })).status).toBe(403);
    }

    await expectApplicantRefused(path, { decision: 'approve' });

    const form = await officerPages.getPage(path);
    expect(pageText(form.text)).toContain('Budget lines: Move £500 from venue hire to coaching');
    const blank = await officerPages.postForm(path, {});
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#decision', 'Choose whether to approve or decline the change'],
    ]);
    const noReason = await officerPages.postForm(path, { decision: 'decline', reason: '' });
    expect(noReason.status).toBe(422);
    expect(errorLinks(noReason.text)).toEqual([['#reason', 'Enter why the change is declined']]);
    expect((await variations.get(first.id)).status).toBe('requested');

    const declined = await officerPages.postForm(path, {
      decision: 'decline',
      reason: 'Keep the budget lines as agreed.',
    });
    expect(declined.status).toBe(303);
    expect(declined.headers.get('location')).toBe(`${grantPath()}?done=declined`);
    expect(await variations.get(first.id)).toMatchObject({
      status: 'declined',
      decisionReason: 'Keep the budget lines as agreed.',
    });
    const twice = await officerPages.postForm(path, { decision: 'approve', reason: '' });
    expect(twice.status).toBe(409);
    expect(pageText(twice.text)).toContain('This change request has already been decided');

    // A smaller grant: the instalment still to pay shrinks, and the round still reconciles.
    const second = await variations.request(grantee, app.id, {
      newAmountPence: 1_400_000,
      newEndOn: null,
      budgetChanges: '',
      reason: 'One term fewer of sessions.',
    });
    const approved = await officerPages.postForm(`${grantPath()}/variations/${second.id}`, {
      decision: 'approve',
      reason: '',
    });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(`${grantPath()}?done=approved`);
    expect((await payments()).map((p) => [p.status, p.amount])).toEqual([
      ['paid', 750_000],
      ['due', 650_000],
    ]);
    const page = pageText((await officerPages.getPage(approved.headers.get('location')!)).text);
    expect(page).toContain('Change approved.');
    expect(page).toContain('Amount £14,000.00');
    expect(page).toContain('Committed £14,000.00');
    expect(page).toContain('The round reconciles');
    expect((await officerPages.getPage(`${grantPath()}/variations/${randomUUID()}`)).status).toBe(
      404,
    );
  });

  it('lets an officer close the grant, refusing bad forms and other roles', async () => {
    const path = `${grantPath()}/close`;
    for (const client of [financePages, deciderPages, assessorPages]) {
      expect((await client.getPage(path)).status).toBe(403);
      await client.getPage('/staff/grants/nope');
      client.csrfToken = officerPages.csrfToken;
      expect(
        (await client.postForm(path, { outcome: 'ended-early', returned: '0', note: 'x' })).status,
      ).toBe(403);
    }

    await expectApplicantRefused(path, { outcome: 'ended-early', returned: '0', note: 'x' });

    const form = await officerPages.getPage(path);
    expect(form.status).toBe(200);
    expect(pageText(form.text)).toContain('The final report has not been accepted');

    const blank = await officerPages.postForm(path, { outcome: '', returned: '', note: '' });
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#outcome', 'Choose whether the project was completed or ended early'],
      ['#returned', 'Enter the unspent money paid back, or 0'],
    ]);
    const completed = await officerPages.postForm(path, {
      outcome: 'completed',
      returned: '0',
      note: '',
    });
    expect(completed.status).toBe(409);
    expect(pageText(completed.text)).toContain(
      'A grant can be closed as completed only once its final report has been accepted',
    );
    const tooMuch = await officerPages.postForm(path, {
      outcome: 'ended-early',
      returned: '£8,000',
      note: '',
    });
    expect(tooMuch.status).toBe(422);
    expect(errorLinks(tooMuch.text)).toEqual([
      ['#returned', 'Money paid back cannot be more than the £7,500.00 paid'],
      ['#note', 'Explain why the grant ended early'],
    ]);
    expect((await ctx.dataSource.manager.findOneByOrFail(Award, { id: award.id })).status).toBe(
      'accepted',
    );

    const closed = await officerPages.postForm(path, {
      outcome: 'ended-early',
      returned: '100.00',
      note: 'The club lost its venue.',
    });
    expect(closed.status).toBe(303);
    expect(closed.headers.get('location')).toBe(`${grantPath()}?done=closed`);
    expect(
      await row<{ status: string; returned: number }>(
        `SELECT status, returned_pence::int AS returned FROM awards WHERE id = $1`,
        [award.id],
      ),
    ).toEqual({ status: 'closed', returned: 10_000 });
    const page = await officerPages.getPage(closed.headers.get('location')!);
    expect(pageText(page.text)).toContain('Grant closed.');
    expect(pageText(page.text)).toContain('Ended early on');
    expect(pageText(page.text)).toContain('The round reconciles');
    expect(page.text).not.toContain(`href="${path}"`);
    expect(await portfolioLine(officerPages)).toBeNull();
    expect(pageText((await officerPages.getPage(path)).text)).toContain(
      'Only an accepted grant that has not been closed can be closed.',
    );
    const twice = await officerPages.postForm(path, {
      outcome: 'ended-early',
      returned: '0',
      note: 'Again',
    });
    expect(twice.status).toBe(409);
  });
});
