import {
  BallotSchedulerService,
  hashReceipt,
  TallyService,
  TIE_BREAK_RULES,
  VoteReviewService,
  VoterVerificationService,
  VotingService,
} from '@grants/ballots';
import { formatUk, SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { castVote } from '../factories/ballot-votes.factory';
import { createOpenVote, lastVotingCode, OpenVote } from '../factories/open-ballots.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

const USER_AGENT = 'VotingPagesTest/1.0';
const RECEIPT = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;
let lastIp = 0;

/**
 * One resident's browser: its own cookies and its own client address. The server trusts
 * X-Forwarded-For here (TRUST_PROXY), so each resident can have an address of their own and
 * the per-address limits can be reached without affecting the others.
 */
class Resident {
  readonly http: HttpClient;
  readonly ip = `198.51.100.${(lastIp += 1)}`;

  constructor(baseUrl: string) {
    this.http = new HttpClient(baseUrl);
  }

  page(path: string) {
    return this.http.request('GET', path, {
      headers: { accept: 'text/html', 'x-forwarded-for': this.ip, 'user-agent': USER_AGENT },
    });
  }

  post(path: string, form: Record<string, string | string[]>, csrf = true) {
    return this.http.request('POST', path, {
      form: csrf ? { _csrf: this.http.csrfToken, ...form } : form,
      headers: { 'x-forwarded-for': this.ip, 'user-agent': USER_AGENT },
    });
  }

  voterToken(): string {
    return decodeURIComponent(this.http.cookie('grants_voter') ?? '');
  }
}

/**
 * The residents' voting pages against the built server: the Community Response Fund pilot's
 * ballots in Winterton (DN15 9) and Bridlington South (YO15, YO16), arranged in-process.
 */
describe('residents voting pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let vote: OpenVote;
  const w = () => `/vote/${vote.winterton.id}`;
  const b = () => `/vote/${vote.bridlington.id}`;
  const resident = () => new Resident(server.baseUrl);

  /** Email and postcode, then the emailed code: the resident has a voting session. */
  async function proveEmail(r: Resident, base: string, email: string, postcode: string) {
    await r.page(`${base}/email`);
    const asked = await r.post(`${base}/email`, { email, postcode });
    expect([asked.status, asked.headers.get('location')]).toEqual([303, `${base}/code`]);
    const codePage = await r.page(`${base}/code`);
    expect(pageText(codePage.text)).toContain(email.toLowerCase());
    const checked = await r.post(`${base}/code`, {
      code: await lastVotingCode(ctx.dataSource, email),
    });
    expect([checked.status, checked.headers.get('location')]).toEqual([303, `${base}/choose`]);
    return checked;
  }

  /** Choose, check and send: the receipt page's text. */
  async function voteThroughPages(r: Resident, base: string, applicationId: string) {
    await r.page(`${base}/choose`);
    const chosen = await r.post(`${base}/choose`, { choice: applicationId });
    expect([chosen.status, chosen.headers.get('location')]).toEqual([303, `${base}/check`]);
    expect((await r.page(`${base}/check`)).status).toBe(200);
    const sent = await r.post(`${base}/check`, {});
    expect([sent.status, sent.headers.get('location')]).toEqual([303, `${base}/done`]);
    const done = await r.page(`${base}/done`);
    expect(done.status).toBe(200);
    return pageText(done.text);
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    vote = await createOpenVote(ctx);
    server = await startServer({
      env: {
        TRUST_PROXY: 'true',
        EMAIL_SENDS_PER_HOUR: '3',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '4',
        VOTES_PER_MINUTE_PER_IP: '3',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lists the open votes, and the home page links to them while one is open', async () => {
    const r = resident();
    const list = await r.page('/vote');
    expect(list.status).toBe(200);
    const text = pageText(list.text);
    expect(text).toContain('Vote for a project in your area');
    expect(list.text).toContain(`href="${w()}"`);
    expect(list.text).toContain(`href="${b()}"`);
    expect(text).toContain(`Voting closes ${formatUk(vote.winterton.closesAt)}`);
    expect(text).not.toContain('Results');
    expect((await r.page('/')).text).toContain('href="/vote"');
  });

  it('starts with what the vote is, who can vote, when it closes and how a tie is settled', async () => {
    const r = resident();
    const start = await r.page(w());
    expect(start.status).toBe(200);
    const text = pageText(start.text);
    expect(text).toContain('Vote for a project in Winterton');
    expect(text).toContain('your postcode starts with DN15 9');
    expect(text).toContain(`Voting closes ${formatUk(vote.winterton.closesAt)}`);
    expect(text).toContain(TIE_BREAK_RULES['decision-maker']);
    expect(start.text).toContain(`href="${w()}/email"`);
    expect((await r.page('/vote/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await r.page('/vote/not-a-ballot')).status).toBe(404);
  });

  it('takes a resident from email and postcode to a receipt, keeping the vote private', async () => {
    const r = resident();
    const email = 'Jo.Resident@Example.org';
    const signedIn = await proveEmail(r, w(), email, 'dn15 9ab');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('grants_voter='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/vote/);
    expect(r.voterToken()).toMatch(/^vt\./);

    // The shortlist in this voter's own order, with each project's summary and amount.
    const choose = await r.page(`${w()}/choose`);
    expect(choose.status).toBe(200);
    const order = [...choose.text.matchAll(/name="choice" type="radio" value="([0-9a-f-]{36})"/g)];
    const own = await ctx.get(VotingService).ballotFor(r.voterToken());
    expect(order.map((m) => m[1])).toEqual(own.entries.map((e) => e.applicationId));
    expect(pageText(choose.text)).toContain(own.entries[0].publicSummary);
    expect(pageText(choose.text)).toContain('Grant: £9,500.00');

    const choice = own.entries[1];
    const done = await voteThroughPages(r, w(), choice.applicationId);
    expect(done).toContain('Vote recorded');
    expect(done).toContain(`You voted for ${choice.publicTitle}`);
    const receipt = RECEIPT.exec(done)![0];

    // Stored against the receipt's hash, with the address the server saw and the browser.
    const [stored]: { application_id: string; ip_hash: string; user_agent: string }[] =
      await ctx.dataSource.query(
        `SELECT application_id, ip_hash, user_agent FROM votes WHERE receipt_hash = $1`,
        [hashReceipt(receipt)],
      );
    expect(stored).toEqual({
      application_id: choice.applicationId,
      ip_hash: createHmac('sha256', ctx.config.SESSION_SECRET)
        .update(`vote-ip:${r.ip}`)
        .digest('hex'),
      user_agent: USER_AGENT,
    });

    // Voted: no form any more, however they come back.
    const again = await r.page(`${w()}/choose`);
    expect(pageText(again.text)).toContain('You have already voted');
    expect(again.text).not.toContain('name="choice"');
    expect((await r.post(`${w()}/choose`, { choice: choice.applicationId })).status).toBe(409);
    const twice = await r.post(`${w()}/check`, {});
    expect(twice.status).toBe(409);
    expect(pageText(twice.text)).toContain('You have already voted');
    const other = resident();
    await proveEmail(other, w(), email, 'DN15 9ZZ');
    const back = await other.page(`${w()}/choose`);
    expect(pageText(back.text)).toContain('You have already voted');
    expect(back.text).not.toContain('<form method="post" action="/vote');
  });

  it('refuses a postcode outside the area, a malformed one and a disposable email', async () => {
    const cases: [string, string, string, string][] = [
      ['near@example.org', 'DN15 8AB', '#postcode', 'is not in the Winterton voting area'],
      ['typo@example.org', 'not a postcode', '#postcode', 'Enter a full UK postcode'],
      ['throwaway@mailinator.com', 'DN15 9AB', '#email', 'disposable email services'],
    ];
    for (const [email, postcode, href, message] of cases) {
      const r = resident();
      await r.page(`${w()}/email`);
      const res = await r.post(`${w()}/email`, { email, postcode });
      expect(res.status).toBe(422);
      expect(errorLinks(res.text)).toEqual([[href, expect.stringContaining(message)]]);
      expect(res.text).toContain(`value="${postcode}"`);
    }
  });

  it('refuses a badly typed, wrong, expired or used code on the code box', async () => {
    const r = resident();
    const email = 'codes@example.org';
    await r.page(`${w()}/email`);
    await r.post(`${w()}/email`, { email, postcode: 'DN15 9AB' });
    await r.page(`${w()}/code`);
    const code = await lastVotingCode(ctx.dataSource, email);
    const typo = await r.post(`${w()}/code`, { code: '12ab' });
    expect([typo.status, errorLinks(typo.text)]).toEqual([
      422,
      [['#code', 'Enter the 6-digit code from the email']],
    ]);
    const wrong = await r.post(`${w()}/code`, { code: code === '000000' ? '111111' : '000000' });
    expect([wrong.status, errorLinks(wrong.text)]).toEqual([
      422,
      [['#code', expect.stringContaining('4 tries left')]],
    ]);
    await ctx.dataSource.query(
      `UPDATE voter_verifications SET expires_at = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
    const expired = await r.post(`${w()}/code`, { code });
    expect([expired.status, errorLinks(expired.text)]).toEqual([
      422,
      [['#code', expect.stringContaining('That code has expired')]],
    ]);

    // Used already (here by the services, as if from another browser): this browser is told.
    const u = resident();
    const used = 'used@example.org';
    await u.page(`${w()}/email`);
    await u.post(`${w()}/email`, { email: used, postcode: 'DN15 9AB' });
    await u.page(`${w()}/code`);
    const [{ id }]: { id: string }[] = await ctx.dataSource.query(
      `SELECT id FROM voter_verifications WHERE email = $1`,
      [used],
    );
    const usedCode = await lastVotingCode(ctx.dataSource, used);
    await ctx.get(VoterVerificationService).verifyCode(id, usedCode);
    const late = await u.post(`${w()}/code`, { code: usedCode });
    expect([late.status, errorLinks(late.text)]).toEqual([
      422,
      [['#code', expect.stringContaining('That code has been used')]],
    ]);

    // No code asked for in this browser: back to the email page.
    const none = resident();
    expect((await none.page(`${w()}/code`)).headers.get('location')).toBe(`${w()}/email`);
  });

  it('refuses a project from another ballot, and no choice, on the radios', async () => {
    const r = resident();
    await proveEmail(r, w(), 'tamper@example.org', 'DN15 9AB');
    await r.page(`${w()}/choose`);
    const tampered = await r.post(`${w()}/choose`, {
      choice: vote.byArea['Bridlington South'][0].id,
    });
    expect([tampered.status, errorLinks(tampered.text)]).toEqual([
      422,
      [['#choice', 'Choose one of the projects on this ballot']],
    ]);
    const empty = await r.post(`${w()}/choose`, {});
    expect([empty.status, errorLinks(empty.text)]).toEqual([
      422,
      [['#choice', 'Choose the project you want to vote for']],
    ]);
    const two = await r.post(`${w()}/choose`, {
      choice: vote.byArea['Winterton'].slice(0, 2).map((a) => a.id),
    });
    expect([two.status, errorLinks(two.text)]).toEqual([
      422,
      [['#choice', 'Choose one project only']],
    ]);
    // Nothing chosen yet: checking sends them back to choose.
    expect((await r.page(`${w()}/check`)).headers.get('location')).toBe(`${w()}/choose`);
  });

  it('sends a voter whose session has ended back to the email page, saying why', async () => {
    const r = resident();
    const email = 'ended@example.org';
    await proveEmail(r, w(), email, 'DN15 9AB');
    await r.page(`${w()}/choose`);
    await r.post(`${w()}/choose`, { choice: vote.byArea['Winterton'][0].id });
    await ctx.dataSource.query(
      `UPDATE ballot_voters SET session_expires_at = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
    const sent = await r.post(`${w()}/check`, {});
    expect(sent.status).toBe(401);
    expect(pageText(sent.text)).toContain('Your voting session has ended');
    expect(sent.text).toContain(`action="${w()}/email"`);
    expect(r.http.hasCookie('grants_voter')).toBe(false);
    // Without a session cookie at all the voting pages go to the email page.
    expect((await r.page(`${w()}/choose`)).headers.get('location')).toBe(`${w()}/email`);
    // A session for another ballot is no session here.
    const elsewhere = resident();
    await proveEmail(elsewhere, b(), 'elsewhere@example.org', 'YO15 2AB');
    expect((await elsewhere.page(`${w()}/choose`)).status).toBe(401);
  });

  it('refuses a form without its CSRF token', async () => {
    const r = resident();
    await r.page(`${w()}/email`);
    const res = await r.post(
      `${w()}/email`,
      { email: 'csrf@example.org', postcode: 'DN15 9AB' },
      false,
    );
    expect(res.status).toBe(403);
    expect((await r.post(`${w()}/check`, {}, false)).status).toBe(403);
  });

  it('limits code requests per address and per email, code checks and votes per address', async () => {
    // Per email address, from three different client addresses: the fourth is refused.
    for (let i = 0; i < 3; i += 1) {
      const r = resident();
      await r.page(`${w()}/email`);
      const res = await r.post(`${w()}/email`, {
        email: 'flood@example.org',
        postcode: 'DN15 9AB',
      });
      expect(res.status).toBe(303);
    }
    const fourth = resident();
    await fourth.page(`${w()}/email`);
    expect(
      (await fourth.post(`${w()}/email`, { email: 'flood@example.org', postcode: 'DN15 9AB' }))
        .status,
    ).toBe(429);

    const one = resident();
    await one.page(`${w()}/email`);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (await one.post(`${w()}/email`, { email: `many-${i}@example.org`, postcode: 'DN15 9AB' }))
          .status,
      );
    expect(statuses).toEqual([303, 303, 303, 429]);

    const checks: number[] = [];
    for (let i = 0; i < 5; i += 1)
      checks.push((await one.post(`${w()}/code`, { code: '123456' })).status);
    expect(checks.at(-1)).toBe(429);

    const voter = resident();
    await voter.page(`${w()}/email`);
    const votes: number[] = [];
    for (let i = 0; i < 4; i += 1) votes.push((await voter.post(`${w()}/check`, {})).status);
    // No session, so each goes back to the email page, until the limit.
    expect(votes).toEqual([303, 303, 303, 429]);
  });

  it('refuses a vote once voting has closed', async () => {
    const r = resident();
    await proveEmail(r, b(), 'latecomer@example.org', 'YO16 4AB');
    await r.page(`${b()}/choose`);
    await r.post(`${b()}/choose`, { choice: vote.byArea['Bridlington South'][0].id });
    await r.page(`${b()}/check`);
    // Votes cast before the close, for the count below.
    const [first, second] = vote.byArea['Bridlington South'];
    await castVote(
      ctx,
      vote.bridlington.id,
      { email: 'b1@example.org', postcode: 'YO15 1AA' },
      first.id,
    );
    await castVote(
      ctx,
      vote.bridlington.id,
      { email: 'b2@example.org', postcode: 'YO15 1AA' },
      first.id,
    );
    await castVote(
      ctx,
      vote.bridlington.id,
      { email: 'b3@example.org', postcode: 'YO16 7XY' },
      second.id,
    );
    await ctx.dataSource.query(
      `UPDATE ballots SET closes_at = now() - interval '1 second' WHERE id = $1`,
      [vote.bridlington.id],
    );
    const late = await r.post(`${b()}/check`, {});
    expect(late.status).toBe(409);
    expect(pageText(late.text)).toContain('votes can no longer be cast');
    expect(late.text).not.toContain(`action="${b()}/check"`);
    // The email page now sends people to the start page, which says voting has closed; a
    // form already open (its token from another page) is refused.
    const viaForm = resident();
    expect((await viaForm.page(`${b()}/email`)).headers.get('location')).toBe(b());
    await viaForm.page(`${w()}/email`);
    const closed = await viaForm.post(`${b()}/email`, {
      email: 'later@example.org',
      postcode: 'YO15 1AA',
    });
    expect(closed.status).toBe(409);
    expect(pageText(closed.text)).toContain('closed at');
    expect(pageText((await viaForm.page(b())).text)).not.toContain('Start now');
  });

  it('shows no result until it is published, then the counts, the winner and the votes to recount', async () => {
    const r = resident();
    expect((await r.page(`${b()}/results`)).status).toBe(404);
    expect((await r.http.get(`${b()}/results/votes.csv`)).status).toBe(404);

    const scheduler = ctx.get(BallotSchedulerService);
    expect(await scheduler.closeIfDue(vote.bridlington.id)).toBe('closed');
    const review = ctx.get(VoteReviewService);
    const [flagged] = await review.votes(vote.bridlington.id, 'YO16 7XY');
    await review.void(flagged.id, 'Not a resident: the address is a business', SYSTEM_ACTOR);
    await ctx.get(TallyService).publish(vote.bridlington.id, null, SYSTEM_ACTOR);

    const page = await r.page(`${b()}/results`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    const [first, second] = vote.byArea['Bridlington South'];
    expect(text).toContain('Result of the vote in Bridlington South');
    expect(text).toContain('Bridlington South project 1 (public) gets the grant of £9,500.00');
    expect(text).toMatch(/Bridlington South project 1 \(public\) Winner £9,500\.00 2 0/);
    expect(text).toMatch(/Bridlington South project 2 \(public\) £9,000\.00 0 1/);
    expect(text).toMatch(/Votes counted 2 Votes voided 1/);
    expect(text).not.toContain('How the tie was settled');
    expect(first.id).not.toBe(second.id);

    const csv = await r.http.get(`${b()}/results/votes.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('receipt_hash,area,choice_reference,choice,cast_at_utc,voided');
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.endsWith(',yes'))).toHaveLength(1);
    expect(csv.text).not.toContain('@example.org');

    expect(pageText((await r.page('/vote')).text)).toContain('Results');
    expect((await r.page('/vote')).text).toContain(`href="${b()}/results"`);
  });

  it("shows the decision maker's choice when projects tie", async () => {
    const entries = (await ctx.get(TallyService).count(vote.winterton.id)).projects;
    // One vote so far (the journey above); a second for another project makes a tie.
    const voted = entries.find((p) => p.votes === 1)!;
    const other = entries.find((p) => p.votes === 0)!;
    await castVote(
      ctx,
      vote.winterton.id,
      { email: 'tie@example.org', postcode: 'DN15 9QQ' },
      other.applicationId,
    );
    await ctx.dataSource.query(
      `UPDATE ballots SET closes_at = now() - interval '1 second' WHERE id = $1`,
      [vote.winterton.id],
    );
    await ctx.get(BallotSchedulerService).closeIfDue(vote.winterton.id);
    await ctx.get(TallyService).publish(
      vote.winterton.id,
      {
        winnerApplicationId: voted.applicationId,
        note: 'Chosen because it reaches the park where most of the reports came from.',
      },
      SYSTEM_ACTOR,
    );
    const text = pageText((await resident().page(`${w()}/results`)).text);
    expect(text).toContain(`${voted.publicTitle} gets the grant`);
    expect(text).toContain('How the tie was settled');
    expect(text).toContain(
      'Chosen because it reaches the park where most of the reports came from.',
    );
  });
});
