import { StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import {
  ClosedVote,
  createClosedVote,
  publishBridlington,
  publishWinterton,
  VOTE_SIGN_OFF,
} from '../factories/closed-vote.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

describe('the decision on a public vote, over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let vote: ClosedVote;
  let officer: HttpClient;
  let decider: HttpClient;
  let assessor: HttpClient;
  let recordNumber: string;
  const page = () => `/staff/rounds/${vote.round.id}/vote/decision`;
  const signedIn = (user: StaffUser) => signedInStaff(server.baseUrl, user);
  const statuses = async () =>
    Object.fromEntries(
      (
        (await ctx.dataSource.query(
          `SELECT project_title, status FROM applications WHERE round_id = $1`,
          [vote.round.id],
        )) as { project_title: string; status: string }[]
      ).map((r) => [r.project_title, r.status]),
    );

  beforeAll(async () => {
    ctx = await createTestContext();
    vote = await createClosedVote(ctx);
    // Winterton's result is published; Bridlington South's tie is still to settle.
    await publishWinterton(ctx, vote);
    server = await startServer();
    officer = await signedIn(await createStaff(ctx, 'grants-officer'));
    decider = await signedIn(await createStaff(ctx, 'decision-maker'));
    assessor = await signedIn(await createStaff(ctx, 'assessor'));
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('is for the office to read; only the decision maker sees the sign-off form', async () => {
    expect((await assessor.getPage(page())).status).toBe(403);
    expect((await officer.getPage(`/staff/rounds/not-a-round/vote/decision`)).status).toBe(404);

    const officerView = await officer.getPage(page());
    expect(officerView.status).toBe(200);
    expect(officerView.text).not.toContain('id="title"');
    expect(pageText(officerView.text)).toContain('Only the decision maker can sign off');
    // The officer's form token still cannot sign off.
    expect((await officer.postForm(page(), VOTE_SIGN_OFF)).status).toBe(403);

    const view = await decider.getPage(page());
    expect(view.status).toBe(200);
    const text = pageText(view.text);
    expect(text).toContain('Still to publish: Bridlington South.');
    expect(text).toContain('Winterton project 1 (public) 2 of 3 £9,000.00');
    expect(text).toContain('Shortlisted at £9,500.00; the area’s cap is £9,000.00');
    expect(text).toContain('Budget £20,000.00 Committed £0.00 Available £20,000.00');
    expect(view.text).toContain(
      `value="Community Response Fund: Community Response Fund pilot, public vote winners"`,
    );
    expect(text).toContain('Declarations of interest None');

    // Not linked from the hub, nor on the decisions list, before every result is out.
    expect((await officer.getPage(`/staff/rounds/${vote.round.id}/vote`)).text).not.toContain(
      page(),
    );
    expect((await officer.getPage('/staff/decisions')).text).not.toContain(page());
  });

  it('explains missing text on its field, and refuses while an area is unpublished', async () => {
    await decider.getPage(page());
    const empty = await decider.postForm(page(), { title: ' ', summary: '', declarations: '' });
    expect(empty.status).toBe(422);
    expect(errorLinks(empty.text)).toEqual([
      ['#title', 'Enter a title for the decision record'],
      ['#summary', 'Enter a summary of the decision for the public record'],
      ['#declarations', 'Enter any declarations of interest, or "None"'],
    ]);

    const early = await decider.postForm(page(), VOTE_SIGN_OFF);
    expect(early.status).toBe(422);
    expect(pageText(early.text)).toContain(
      "Publish the result of every area's vote before signing off (not yet: Bridlington South)",
    );
    // What was typed is kept.
    expect(early.text).toContain(VOTE_SIGN_OFF.summary);
    expect(await statuses()).toMatchObject({ 'Winterton project 1': 'shortlisted' });
  });

  it('lists the round once every result is out, and shows the tie-break', async () => {
    await publishBridlington(ctx, vote);
    const hub = await officer.getPage(`/staff/rounds/${vote.round.id}/vote`);
    expect(hub.text).toContain(`href="${page()}"`);
    const index = await officer.getPage('/staff/decisions');
    expect(index.text).toContain(`href="${page()}"`);
    expect(pageText(index.text)).toContain('Waiting for the decision maker');
    expect(pageText((await decider.getPage('/staff/decisions')).text)).toContain(
      'Waiting for your decision',
    );

    const text = pageText((await decider.getPage(page())).text);
    expect(text).toContain('Every area’s result is published');
    expect(text).toContain(
      'Bridlington South project 2 (public) Tie broken by the decision maker: Project 2 reaches the estate',
    );
    expect(text).toContain('Total to be awarded £18,000.00');
  });

  it('signs off: the record, statuses, awards within the cap and one notice each', async () => {
    await decider.getPage(page());
    const done = await decider.postForm(page(), VOTE_SIGN_OFF);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${page()}?done=signed-off`);

    const view = await decider.getPage(`${page()}?done=signed-off`);
    const text = pageText(view.text);
    recordNumber = /Decision record (DR-\d{4}-\d{3}), signed off/.exec(text)![1];
    expect(text).toContain('Decision signed off.');
    expect(text).toContain('Awarded 2 grants, £18,000.00');
    expect(text).toContain('Not chosen 4');
    expect(text).toContain('Committed £18,000.00 Available £2,000.00');
    expect(view.text).not.toContain('id="title"');
    expect(view.text).toContain('Publish the decision record');

    expect(await statuses()).toEqual({
      'Winterton project 1': 'awarded',
      'Winterton project 2': 'unsuccessful',
      'Winterton project 3': 'unsuccessful',
      'Winterton project 4': 'not-shortlisted',
      'Bridlington South project 1': 'unsuccessful',
      'Bridlington South project 2': 'awarded',
      'Bridlington South project 3': 'unsuccessful',
      'Bridlington South project 4': 'not-shortlisted',
    });
    const awards: { project_title: string; amount_pence: string; status: string }[] =
      await ctx.dataSource.query(
        `SELECT a.project_title, w.amount_pence, w.status FROM awards w
           JOIN applications a ON a.id = w.application_id
          WHERE w.round_id = $1 ORDER BY a.project_title`,
        [vote.round.id],
      );
    expect(awards).toEqual([
      { project_title: 'Bridlington South project 2', amount_pence: '900000', status: 'offered' },
      // £9,500 shortlisted, held to Winterton's £9,000 cap.
      { project_title: 'Winterton project 1', amount_pence: '900000', status: 'offered' },
    ]);
    const notices = async () =>
      (await ctx.dataSource.query(
        `SELECT template, count(*)::int AS sent FROM outbound_emails
          WHERE template IN ('applications/award-offered', 'applications/application-unsuccessful')
          GROUP BY template ORDER BY template`,
      )) as { template: string; sent: number }[];
    const expected = [
      { template: 'applications/application-unsuccessful', sent: 4 },
      { template: 'applications/award-offered', sent: 2 },
    ];
    expect(await notices()).toEqual(expected);

    // Signing off again is refused on the page, never a 500, and tells nobody twice.
    const again = await decider.postForm(page(), VOTE_SIGN_OFF);
    expect(again.status).toBe(409);
    expect(again.text).toContain('govuk-error-summary');
    expect(await notices()).toEqual(expected);
  });

  it('an officer publishes the record; the public page shows the winners', async () => {
    const view = await officer.getPage(page());
    expect(view.text).toContain('Publish the decision record');
    expect((await assessor.postForm(`${page()}/publish`, {})).status).toBe(403);
    const published = await officer.postForm(`${page()}/publish`, {});
    expect(published.status).toBe(303);
    const after = await officer.getPage(`${page()}?done=published`);
    expect(after.text).toContain(`href="/decisions/${recordNumber}"`);
    expect(after.text).not.toContain('Publish the decision record');
    expect(pageText((await officer.getPage('/staff/decisions')).text)).toContain(recordNumber);
    expect((await officer.getPage(`/staff/rounds/${vote.round.id}/vote`)).text).toContain(
      'The decision record',
    );

    const publicPage = pageText(
      (await new HttpClient(server.baseUrl).getPage(`/decisions/${recordNumber}`)).text,
    );
    expect(publicPage).toContain(VOTE_SIGN_OFF.title);
    expect(publicPage).toContain('Winterton community group 1');
    expect(publicPage).toContain('Bridlington South community group 2');
    expect(publicPage).toContain('£9,000.00');
  });
});
