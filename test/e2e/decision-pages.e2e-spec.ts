import { Application } from '@grants/applications';
import { RecommendationService } from '@grants/assessment';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { CSF, createFund } from '../factories/round.factory';
import { createScoredRound } from '../factories/scored-round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

describe('the decision pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let apps: Application[];
  let officer: StaffUser;
  let officerPages: HttpClient;
  let deciderPages: HttpClient;
  let financePages: HttpClient;
  let assessorPages: HttpClient;
  const base = () => `/staff/rounds/${round.id}/decision`;

  const signedIn = (user: StaffUser) => signedInStaff(server.baseUrl, user);

  /** The round's line on the decisions list as text, or null when it is not in that table. */
  async function indexLine(client: HttpClient, table: string): Promise<string | null> {
    const page = await client.getPage('/staff/decisions');
    expect(page.status).toBe(200);
    const html = /<table[^>]*id="([^"]+)"[\s\S]*?<\/table>/g;
    for (const m of page.text.matchAll(html)) {
      if (m[1] !== table) continue;
      const row = m[0]
        .split('<tr')
        .find((r) => r.includes(`href="/staff/rounds/${round.id}/decision"`));
      return row ? pageText(`<tr${row}`).trim() : null;
    }
    return null;
  }

  async function statusOf(app: Application): Promise<string> {
    const [row]: { status: string }[] = await ctx.dataSource.query(
      `SELECT status FROM applications WHERE id = $1`,
      [app.id],
    );
    return row.status;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    // Six £15,000 bids against £50,000: the three at 80% are recommended.
    ({ round, apps } = await createScoredRound(ctx, {
      code: 'DIV',
      title: 'Diversion from ASB and Crime',
      budgetPence: 5_000_000,
      projects: [
        { projectTitle: 'Boxing club, Saturday mornings', score: 4 },
        { projectTitle: 'Detached youth work in Winterton', score: 4 },
        { projectTitle: 'Mentoring for young people at risk', score: 4 },
        { projectTitle: 'Street sport in Bridlington South', score: 3 },
        { projectTitle: 'Knife crime workshops in schools', score: 2 },
        { projectTitle: 'Friday night football in Braunstone', score: 1 },
      ],
    }));
    officer = await createStaff(ctx, 'grants-officer');
    server = await startServer();
    officerPages = await signedIn(officer);
    deciderPages = await signedIn(await createStaff(ctx, 'decision-maker'));
    financePages = await signedIn(await createStaff(ctx, 'finance'));
    assessorPages = await signedIn(await createStaff(ctx, 'assessor'));
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('says the officer has not sent a recommendation yet, and keeps assessors out', async () => {
    const page = await deciderPages.getPage(base());
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain(
      'The grants officer has not sent a recommendation for this round yet.',
    );
    expect(page.text).not.toContain('Sign off the decision');
    expect((await assessorPages.getPage(base())).status).toBe(403);
    const early = await deciderPages.postForm(`${base()}/approve/${apps[0].id}`, {});
    expect(early.status).toBe(409);
    expect(pageText(early.text)).toContain('The grants officer has not sent this round');
  });

  it('lists the round on the decisions page once it has closed, for the office only', async () => {
    const empty = await deciderPages.getPage('/staff/decisions');
    expect(empty.status).toBe(200);
    expect(pageText(empty.text)).toContain('No recommendation has been sent for a decision yet.');
    // The Decisions link is in the navigation, marked as the page the decision maker is on.
    expect(empty.text).toMatch(/<a[^>]*href="\/staff\/decisions"[^>]*aria-current=/);
    expect(await indexLine(deciderPages, 'awaiting-rounds')).toBeNull();

    await ctx.dataSource.query(`UPDATE grant_rounds SET status = 'closed' WHERE id = $1`, [
      round.id,
    ]);
    expect(await indexLine(deciderPages, 'awaiting-rounds')).toMatch(
      /^Diversion from ASB and Crime Commissioner's Safety Fund \d{1,2} \w+ \d{4}$/,
    );
    expect(await indexLine(deciderPages, 'decision-rounds')).toBeNull();
    expect((await assessorPages.getPage('/staff/decisions')).status).toBe(403);
    expect((await officerPages.getPage('/staff/decisions')).status).toBe(200);
    // Assessors are not shown a link they cannot follow.
    expect((await assessorPages.getPage('/assessments')).text).not.toContain(
      'href="/staff/decisions"',
    );
  });

  it('lets the officer write feedback for an applicant, and nobody else', async () => {
    const path = `/staff/rounds/${round.id}/recommendation/${apps[5].id}/feedback`;
    const form = await officerPages.getPage(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Feedback for the applicant');
    const tooLong = await officerPages.postForm(path, { feedback: 'x'.repeat(5001) });
    expect(tooLong.status).toBe(422);
    expect(errorLinks(tooLong.text)).toEqual([
      ['#feedback', 'The feedback must be 5000 characters or fewer'],
    ]);
    const saved = await officerPages.postForm(path, {
      feedback: 'The delivery plan needs named venues and sessions.',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(
      `/staff/rounds/${round.id}/assessment/recommendation?done=feedback`,
    );
    const rec = await officerPages.getPage(saved.headers.get('location')!);
    expect(rec.text).toContain('Feedback for the applicant saved.');
    expect(rec.text).toContain('The delivery plan needs named venues and sessions.');
    expect(rec.text).toContain(`${path}"`);

    expect((await deciderPages.getPage(path)).status).toBe(403);
    deciderPages.csrfToken = officerPages.csrfToken;
    expect((await deciderPages.postForm(path, { feedback: 'Not mine' })).status).toBe(403);
    // Another round's application, or none at all: not found, never a 500.
    expect(
      (await officerPages.getPage(`/staff/rounds/${round.id}/recommendation/nope/feedback`)).status,
    ).toBe(404);
  });

  it('sets whether applicants are told their score, for officers only', async () => {
    const hub = `/staff/rounds/${round.id}/assessment`;
    const page = await officerPages.getPage(hub);
    expect(page.text).toContain('Publish scores to applicants with the decision?');
    expect(page.text).toContain(`/staff/rounds/${round.id}/decision"`);
    const missing = await officerPages.postForm(`${hub}/publish-scores`, {});
    expect(missing.status).toBe(422);
    expect(errorLinks(missing.text)).toEqual([
      ['#publishScores', 'Choose whether applicants are told their score with the decision'],
    ]);
    const yes = await officerPages.postForm(`${hub}/publish-scores`, { publishScores: 'yes' });
    expect(yes.status).toBe(303);
    const after = await officerPages.getPage(`${hub}?done=publish-scores`);
    expect(after.text).toContain('Applicants are told their score with the decision.');
    await financePages.getPage(hub);
    expect(
      (await financePages.postForm(`${hub}/publish-scores`, { publishScores: 'no' })).status,
    ).toBe(403);
  });

  it('shows the package once sent; only the decision maker gets the buttons', async () => {
    await ctx.get(RecommendationService).submit(round.id, SYSTEM_ACTOR);
    const page = await deciderPages.getPage(base());
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain('Applications scoring 70% or more were recommended.');
    expect(text).toContain('Budget £50,000.00');
    expect(text).toContain('Approved so far 0 applications, £0.00');
    expect(text).toContain(`Approve ${apps[0].reference} at £15,000.00`);
    expect(text).toContain('Feedback for the applicant: The delivery plan needs named venues');
    expect(page.text).toContain(`href="/staff/applications/${apps[0].id}"`);
    expect(page.text).toContain(
      'value="Commissioner&#39;s Safety Fund: Diversion from ASB and Crime grants"',
    );

    const officerView = await officerPages.getPage(base());
    expect(officerView.status).toBe(200);
    expect(pageText(officerView.text)).not.toContain(`Approve ${apps[0].reference}`);
    expect(officerView.text).not.toContain('Sign off the decision');
    expect(officerView.text).toContain(
      `/staff/rounds/${round.id}/recommendation/${apps[0].id}/feedback?back=decision"`,
    );
    const financeView = await financePages.getPage(base());
    expect(financeView.status).toBe(200);
    expect(pageText(financeView.text)).not.toContain(`Approve ${apps[0].reference}`);

    // On the decisions list: waiting, three recommended and none decided yet.
    expect(await indexLine(deciderPages, 'awaiting-rounds')).toBeNull();
    const line = await indexLine(deciderPages, 'decision-rounds');
    expect(line).toMatch(/^Diversion from ASB and Crime Commissioner's Safety Fund Sent /);
    expect(line).toMatch(/Waiting for your decision 3 0 0 3 £50,000\.00 £0\.00$/);
    expect(await indexLine(financePages, 'decision-rounds')).toMatch(
      /Waiting for the decision maker 3 0 0 3 /,
    );
    expect((await assessorPages.getPage('/staff/decisions')).status).toBe(403);
  });

  it('refuses decisions from anyone but the decision maker, and without the form token', async () => {
    const approve = `${base()}/approve/${apps[0].id}`;
    expect((await officerPages.postForm(approve, {})).status).toBe(403);
    expect((await financePages.postForm(approve, {})).status).toBe(403);
    assessorPages.csrfToken = officerPages.csrfToken;
    expect((await assessorPages.postForm(approve, {})).status).toBe(403);
    expect(
      (await officerPages.postForm(`${base()}/decline/${apps[0].id}`, { reason: 'No' })).status,
    ).toBe(403);
    expect(
      (await officerPages.postForm(`${base()}/sign-off`, { title: 'x', summary: 'x' })).status,
    ).toBe(403);
    const noToken = await deciderPages.request('POST', approve, { form: {} });
    expect(noToken.status).toBe(403);
    const wrongToken = await deciderPages.request('POST', approve, { form: { _csrf: 'forged' } });
    expect(wrongToken.status).toBe(403);
    expect(await statusOf(apps[0])).toBe('eligible');
    const page = await deciderPages.getPage(base());
    expect(pageText(page.text)).toContain('Approved so far 0 applications');
  });

  it('explains every refusal on its field', async () => {
    await deciderPages.getPage(base());
    const ids = (app: Application) => ({
      amount: `#amount-${app.id}`,
      amountReason: `#amountReason-${app.id}`,
      declineReason: `#declineReason-${app.id}`,
    });
    const blank = await deciderPages.postForm(`${base()}/amend/${apps[2].id}`, {
      amount: '',
      amountReason: '',
    });
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([[ids(apps[2]).amount, 'Enter the amount to approve']]);
    // The form that failed is open again with what was typed.
    expect(blank.text).toMatch(new RegExp(`<details[^>]*open[\\s\\S]*?id="amount-${apps[2].id}"`));

    const noReason = await deciderPages.postForm(`${base()}/amend/${apps[2].id}`, {
      amount: '£12,000',
      amountReason: '',
    });
    expect(noReason.status).toBe(422);
    expect(errorLinks(noReason.text)).toEqual([
      [ids(apps[2]).amountReason, 'Enter why the amount differs from the £15,000.00 requested'],
    ]);
    expect(noReason.text).toContain('value="£12,000"');

    const more = await deciderPages.postForm(`${base()}/amend/${apps[2].id}`, {
      amount: '16000',
      amountReason: 'Extra sessions',
    });
    expect(more.status).toBe(422);
    expect(errorLinks(more.text)).toEqual([
      [
        ids(apps[2]).amount,
        'The amount can be reduced from the £15,000.00 requested, not increased',
      ],
    ]);
    const words = await deciderPages.postForm(`${base()}/amend/${apps[2].id}`, {
      amount: 'ten thousand',
      amountReason: 'Smaller',
    });
    expect(words.status).toBe(422);
    expect(errorLinks(words.text).map(([href]) => href)).toEqual([ids(apps[2]).amount]);

    const decline = await deciderPages.postForm(`${base()}/decline/${apps[1].id}`, {
      reason: ' ',
    });
    expect(decline.status).toBe(422);
    expect(errorLinks(decline.text)).toEqual([
      [ids(apps[1]).declineReason, 'Enter why this recommended application is declined'],
    ]);

    const notRecommended = await deciderPages.postForm(`${base()}/approve/${apps[3].id}`, {});
    expect(notRecommended.status).toBe(422);
    expect(pageText(notRecommended.text)).toContain(
      'Only an application the grants officer recommended can be approved or declined',
    );
    const notAnId = await deciderPages.postForm(`${base()}/approve/not-an-id`, {});
    expect(notAnId.status).toBe(422);

    const signOff = await deciderPages.postForm(`${base()}/sign-off`, {
      title: '',
      summary: '',
      declarations: '',
    });
    expect(signOff.status).toBe(422);
    expect(errorLinks(signOff.text)).toEqual([
      ['#title', 'Enter a title for the decision record'],
      ['#summary', 'Enter a summary of the decision for the public record'],
      ['#declarations', 'Enter any declarations of interest, or "None"'],
    ]);
  });

  it('approves, refuses over budget, amends and declines', async () => {
    const approved = await deciderPages.postForm(`${base()}/approve/${apps[0].id}`, {});
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(`${base()}?done=approved`);
    const after = pageText((await deciderPages.getPage(`${base()}?done=approved`)).text);
    expect(after).toContain('Application approved.');
    expect(after).toContain('Approved so far 1 application, £15,000.00');
    expect(after).toContain('Committed £15,000.00');
    expect(after).toContain('Available £35,000.00');

    // The partner's match funding shrinks after the recommendation went: £40,000 in all.
    await ctx.dataSource.query(
      `UPDATE round_budget_contributions SET amount_pence = 4000000 WHERE round_id = $1`,
      [round.id],
    );
    expect((await deciderPages.postForm(`${base()}/approve/${apps[1].id}`, {})).status).toBe(303);
    const over = await deciderPages.postForm(`${base()}/approve/${apps[2].id}`, {});
    expect(over.status).toBe(409);
    expect(pageText(over.text)).toContain(
      "£15,000.00 is more than the £10,000.00 left of this round's £40,000.00 budget",
    );
    const amendedOver = await deciderPages.postForm(`${base()}/amend/${apps[2].id}`, {
      amount: '12000',
      amountReason: 'Fewer weeks',
    });
    expect(amendedOver.status).toBe(409);
    expect(errorLinks(amendedOver.text).map(([href]) => href)).toEqual([`#amount-${apps[2].id}`]);

    // Sign-off waits for every recommended application.
    const early = await deciderPages.postForm(`${base()}/sign-off`, {
      title: 'Diversion grants',
      summary: 'Approved',
      declarations: 'None',
    });
    expect(early.status).toBe(422);
    expect(errorLinks(early.text)).toEqual([
      [
        '#decisions',
        `Approve or decline every recommended application before signing off (still to decide: ${apps[2].reference})`,
      ],
    ]);

    const amended = await deciderPages.postForm(`${base()}/amend/${apps[2].id}`, {
      amount: '£10,000',
      amountReason: 'Funded for the first year only',
    });
    expect(amended.status).toBe(303);
    const declined = await deciderPages.postForm(`${base()}/decline/${apps[1].id}`, {
      reason: 'Duplicates a council-funded project',
    });
    expect(declined.status).toBe(303);
    const page = pageText((await deciderPages.getPage(`${base()}?done=declined`)).text);
    expect(page).toContain('Application declined.');
    expect(page).toContain('Approved so far 2 applications, £25,000.00');
    expect(page).toContain('Amended from £15,000.00: Funded for the first year only');
    expect(page).toContain('Reason: Duplicates a council-funded project');
    expect(page).toContain('Still to decide None');
    // Two approved (£25,000), one declined, against the £40,000 now in the budget.
    expect(await indexLine(deciderPages, 'decision-rounds')).toMatch(
      /Waiting for your decision 3 2 1 0 £40,000\.00 £25,000\.00$/,
    );
  });

  it('signs off: the record, awards and outcomes; then an officer publishes it', async () => {
    const signed = await deciderPages.postForm(`${base()}/sign-off`, {
      title: "Commissioner's Safety Fund: Diversion from ASB and Crime grants",
      summary: 'Two projects funded from the Diversion round.',
      declarations: 'None',
    });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe(`${base()}?done=signed-off`);
    const page = await deciderPages.getPage(`${base()}?done=signed-off`);
    const text = pageText(page.text);
    const number = /Number (DR-\d{4}-\d{3})/.exec(text)?.[1];
    expect(number).toBeDefined();
    expect(text).toContain('Awarded 2 grants, £25,000.00');
    expect(text).toContain('Published Not yet');
    expect(page.text).toContain('Publish the decision record');
    expect(page.text).not.toContain('Sign off the decision</button>');
    expect(await indexLine(deciderPages, 'decision-rounds')).toMatch(
      new RegExp(`Decided, not published ${number} 3 2 1 0 £40,000\\.00 £25,000\\.00$`),
    );

    expect(await Promise.all(apps.map(statusOf))).toEqual([
      'awarded',
      'unsuccessful',
      'awarded',
      'unsuccessful',
      'unsuccessful',
      'unsuccessful',
    ]);
    const [{ count }]: { count: string }[] = await ctx.dataSource.query(
      `SELECT count(*) FROM awards WHERE round_id = $1 AND status = 'offered'`,
      [round.id],
    );
    expect(Number(count)).toBe(2);

    // Decided: nothing changes any more, and the feedback is closed too.
    const late = await deciderPages.postForm(`${base()}/decline/${apps[0].id}`, {
      reason: 'Changed my mind',
    });
    expect(late.status).toBe(409);
    expect(pageText(late.text)).toContain('can no longer change');
    await officerPages.getPage(base());
    const feedback = await officerPages.postForm(
      `/staff/rounds/${round.id}/recommendation/${apps[5].id}/feedback`,
      { feedback: 'Too late' },
    );
    expect(feedback.status).toBe(409);

    expect((await financePages.postForm(`${base()}/publish`, {})).status).toBe(403);
    const published = await officerPages.postForm(`${base()}/publish`, {});
    expect(published.status).toBe(303);
    const done = await officerPages.getPage(`${base()}?done=published`);
    expect(done.text).toContain('Decision record published.');
    expect(done.text).toContain(`href="/decisions/${number}"`);
    expect(done.text).not.toContain('Publish the decision record</button>');
    expect(await indexLine(deciderPages, 'decision-rounds')).toMatch(
      new RegExp(`Published ${number} 3 2 1 0 £40,000\\.00 £25,000\\.00$`),
    );
  });
});
