import { createStaff } from '../factories/staff.factory';
import { fromUkLocal } from '@grants/core';
import { jest } from '@jest/globals';
import { RoundsService } from '@grants/funds';
import { StaffUser, totpCodeAt } from '@grants/identity';
import { diversionInput } from '../factories/round.factory';
import { createFunds, createRoundIn, roundCount, TEST_PASSWORD } from '../browser/browser-fixtures';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

/** A valid round form as a browser posts it (urlencoded, amounts and UK times as text). */
function roundForm(fundSlug: string, overrides: Record<string, string | string[]> = {}) {
  return {
    fundSlug,
    code: 'GEN',
    title: 'General round',
    theme: 'General',
    description: 'Projects that make communities safer.',
    'opensAt-day': '1',
    'opensAt-month': '3',
    'opensAt-year': '2031',
    'opensAt-time': '9am',
    'closesAt-day': '30',
    'closesAt-month': '4',
    'closesAt-year': '2031',
    'closesAt-time': '17:00',
    'budgetContributions-0-sourceName': "Commissioner's Safety Fund",
    'budgetContributions-0-amount': '£104,780.00',
    'budgetContributions-1-sourceName': '',
    'budgetContributions-1-amount': '',
    minGrant: '',
    maxGrant: '£10,000',
    minDurationMonths: '6',
    maxDurationMonths: '12',
    eligibleOrganisationTypes: ['charity', 'community-group'],
    planThemes: 'Partnerships',
    decisionMethod: 'scored',
    recommendThresholdPercent: '70',
    reserveThresholdPercent: '60',
    shortlistSize: '',
    winnersPerArea: '',
    ...overrides,
  };
}

/** The error summary's links, as [href, text]. */
function errorLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)].map((m) => [
    m[1],
    m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  ]);
}

describe('staff pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let officer: StaffUser;
  let assessor: StaffUser;
  let fundSlug: string;
  /** Signed in once: sign-in posts are rate-limited per address. */
  let officerClient: HttpClient;
  let assessorClient: HttpClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    fundSlug = (await createFunds(ctx, 'e2epages')).csf.slug;
    officer = await createStaff(ctx, 'grants-officer');
    assessor = await createStaff(ctx, 'assessor');
    server = await startServer();
    officerClient = await signedIn(officer);
    assessorClient = await signedIn(assessor);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  async function signedIn(user: StaffUser, next?: string): Promise<HttpClient> {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    const res = await client.postForm('/staff/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      ...(next === undefined ? {} : { next }),
    });
    expect(res.status).toBe(303);
    return client;
  }

  it('sends a page request without a session to sign in, keeping where it was going', async () => {
    const client = new HttpClient(server.baseUrl);
    const page = await client.getPage('/staff/rounds?page=2');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/sign-in?next=%2Fstaff%2Frounds%3Fpage%3D2');
    // The API says 401 in JSON instead.
    const api = await client.post('/api/v1/rounds', {});
    expect(api.status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie with a new id at every sign-in', async () => {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    const res = await client.postForm('/staff/sign-in', {
      email: officer.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/rounds');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('grants_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).toMatch(/; Max-Age=28800/i);
    expect(setCookie).not.toMatch(/; Secure/i);
    const first = /grants_session=([^;]+)/.exec(setCookie)![1];

    await client.getPage('/staff/sign-in');
    const again = await client.postForm('/staff/sign-in', {
      email: officer.email,
      password: TEST_PASSWORD,
    });
    const second = /grants_session=([^;]+)/.exec(
      again.headers.getSetCookie().find((c) => c.startsWith('grants_session='))!,
    )![1];
    expect(second).not.toBe(first);
    expect((await client.getPage('/staff/rounds')).status).toBe(200);
  });

  // Sign-in is limited to 10 posts a minute from one address, so only a few cases go over HTTP;
  // safe-next.spec.ts has the rest.
  it.each([
    ['//evil.example/steal', '/staff/rounds'],
    ['https://evil.example/', '/staff/rounds'],
    ['/staff/rounds/new', '/staff/rounds/new'],
  ])('after sign-in goes only to a local path: next=%s goes to %s', async (next, expected) => {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    const res = await client.postForm('/staff/sign-in', {
      email: officer.email,
      password: TEST_PASSWORD,
      next,
    });
    expect(res.headers.get('location')).toBe(expected);
  });

  it('refuses a wrong password with the reason and no cookie', async () => {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    const res = await client.postForm('/staff/sign-in', {
      email: officer.email,
      password: 'wrong password',
    });
    expect(res.status).toBe(401);
    expect(errorLinks(res.text)).toEqual([
      [
        '#email',
        'Enter a correct email address and password. After 5 wrong attempts the account is locked for 15 minutes.',
      ],
    ]);
    expect(client.hasCookie('grants_session')).toBe(false);
  });

  it('refuses a form post without the CSRF token', async () => {
    const client = officerClient;
    await client.getPage('/staff/rounds/new');
    const before = await roundCount(ctx);
    const res = await client.request('POST', '/staff/rounds/new', {
      form: roundForm(fundSlug, { code: 'NOCSRF' }),
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain('The form has expired or was sent from another site');
    expect(await roundCount(ctx)).toBe(before);
  });

  it('gives each bad field its own message, linked to the field, and writes nothing', async () => {
    const client = officerClient;
    await client.getPage('/staff/rounds/new');
    const before = await roundCount(ctx);
    const res = await client.postForm(
      '/staff/rounds/new',
      roundForm(fundSlug, {
        code: '',
        'opensAt-day': '31',
        'opensAt-month': '2',
        'closesAt-time': '25:00',
        'budgetContributions-0-amount': '£104,030.333',
        'budgetContributions-1-amount': '£5,000',
        maxGrant: '20k',
        minDurationMonths: 'twelve',
        eligibleOrganisationTypes: [],
        decisionMethod: 'scored',
        recommendThresholdPercent: '170',
        'areas-2-cap': '£10,000',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('<title>Error: Create a round');
    expect(errorLinks(res.text)).toEqual([
      ['#code', 'Enter a round code, like DIV'],
      ['#opensAt-day', 'The date the round opens must be a real date, like 24 10 2022'],
      ['#closesAt-time', 'Enter the time the round closes as a time of day, like 9am or 17:00'],
      ['#budgetContributions-0-amount', 'Enter the amount in pounds and pence, like £104,030.33'],
      [
        '#budgetContributions-1-sourceName',
        'Enter where this money comes from, like Violence Reduction Network',
      ],
      ['#maxGrant', 'Enter the maximum grant in pounds and pence, like £20,000'],
      [
        '#minDurationMonths',
        'Enter the shortest project length as a whole number of months, like 12',
      ],
      ['#eligibleOrganisationTypes', 'Select at least one type of organisation that can apply'],
      ['#areas-2-name', 'Enter the name of the area'],
      [
        '#areas-2-focusIssue',
        'Enter the focus issue for this area, like anti-social behaviour in parks',
      ],
      [
        '#recommendThresholdPercent',
        'Enter the funding threshold as a percentage from 0 to 100, like 70%',
      ],
    ]);
    // What was typed is shown again, to correct rather than retype.
    expect(res.text).toContain('value="£104,030.333"');
    expect(res.text).toContain('value="20k"');
    expect(await roundCount(ctx)).toBe(before);
  });

  it("shows the service's own refusals on the right fields (budget, dates, types)", async () => {
    const client = officerClient;
    await client.getPage('/staff/rounds/new');
    const before = await roundCount(ctx);
    const res = await client.postForm(
      '/staff/rounds/new',
      roundForm(fundSlug, {
        'closesAt-day': '1',
        'closesAt-month': '3',
        'closesAt-time': '8:59',
        'budgetContributions-1-sourceName': 'Violence Reduction Network',
        'budgetContributions-1-amount': '£1,000',
        maxGrant: '£105,780.01',
        eligibleOrganisationTypes: ['charity', 'criminal-gang'],
        reserveThresholdPercent: '75',
      }),
    );
    expect(res.status).toBe(422);
    expect(errorLinks(res.text)).toEqual([
      ['#closesAt-day', 'The closing time must be after the opening time'],
      [
        '#maxGrant',
        "The maximum grant (£105,780.01) cannot be more than the round's budget (£105,780.00)",
      ],
      ['#eligibleOrganisationTypes', 'Unknown organisation type: criminal-gang'],
      ['#reserveThresholdPercent', 'The reserve threshold must not be above the funding threshold'],
    ]);
    expect(await roundCount(ctx)).toBe(before);
  });

  it('takes one ticked box as a string and ignores fields it does not know', async () => {
    const client = officerClient;
    await client.getPage('/staff/rounds/new');
    const res = await client.postForm(
      '/staff/rounds/new',
      roundForm(fundSlug, {
        code: 'ONE',
        eligibleOrganisationTypes: 'faith-group',
        planThemes: [],
        unexpected: 'ignored',
      }),
    );
    expect(res.status).toBe(303);
    const id = /\/staff\/rounds\/([0-9a-f-]{36})\?saved=created/.exec(
      res.headers.get('location') ?? '',
    )![1];
    const round = await ctx.get(RoundsService).get(id, { includeDrafts: true });
    expect(round.eligibleOrganisationTypes).toEqual(['faith-group']);
    expect(round.planThemes).toEqual([]);
    expect(round.budgetContributions.map((c) => c.amountPence)).toEqual([10_478_000]);
    expect(round.opensAt.toISOString()).toBe(fromUkLocal('2031-03-01', '9:00').toISOString());
    expect(round.closesAt.toISOString()).toBe('2031-04-30T16:00:00.000Z');
  });

  it('refuses names every JavaScript object has as organisation types, and as page parameters', async () => {
    const client = officerClient;
    await client.getPage('/staff/rounds/new');
    const before = await roundCount(ctx);
    const res = await client.postForm(
      '/staff/rounds/new',
      roundForm(fundSlug, { code: 'PROTO', eligibleOrganisationTypes: ['valueOf', '__proto__'] }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Unknown organisation type');
    expect(await roundCount(ctx)).toBe(before);
    const rounds = (await client.getPage('/staff/rounds')).text;
    const id = /href="\/staff\/rounds\/([0-9a-f-]{36})"/.exec(rounds)![1];
    expect((await client.getPage(`/staff/rounds/${id}?saved=constructor`)).status).toBe(200);
  });

  it('lets any staff role list rounds but only managers change them', async () => {
    const round = await createRoundIn(ctx, fundSlug, 'draft', diversionInput({ code: 'ROLE' }));
    const client = assessorClient;
    expect((await client.getPage('/staff/rounds')).status).toBe(200);
    expect((await client.getPage(`/staff/rounds/${round.id}`)).status).toBe(200);
    expect((await client.getPage('/staff/rounds/new')).status).toBe(403);
    expect((await client.getPage(`/staff/rounds/${round.id}/edit`)).status).toBe(403);
    const schedule = await client.postForm(`/staff/rounds/${round.id}/schedule`, {});
    expect(schedule.status).toBe(403);
    expect((await ctx.get(RoundsService).get(round.id, { includeDrafts: true })).status).toBe(
      'draft',
    );
  });

  it('explains why a round cannot be scheduled, linking to the field to change', async () => {
    const round = await createRoundIn(
      ctx,
      fundSlug,
      'draft',
      diversionInput({
        code: 'PAST',
        opensAt: fromUkLocal('2022-09-26', '9:00'),
        closesAt: fromUkLocal('2022-10-24', '17:00'),
      }),
    );
    const client = officerClient;
    await client.getPage(`/staff/rounds/${round.id}`);
    const res = await client.postForm(`/staff/rounds/${round.id}/schedule`, {});
    expect(res.status).toBe(422);
    expect(errorLinks(res.text)).toEqual([
      [
        `/staff/rounds/${round.id}/edit#closesAt-day`,
        'The closing time has passed: change it before you schedule the round',
      ],
    ]);
    expect((await ctx.get(RoundsService).get(round.id, { includeDrafts: true })).status).toBe(
      'draft',
    );
  });

  it('schedules a draft and moves it back to draft with the buttons on its page', async () => {
    const round = await createRoundIn(ctx, fundSlug, 'draft', diversionInput({ code: 'SCHED' }));
    const client = officerClient;
    const page = await client.getPage(`/staff/rounds/${round.id}`);
    expect(page.text).toContain(`action="/staff/rounds/${round.id}/schedule"`);
    const scheduled = await client.postForm(`/staff/rounds/${round.id}/schedule`, {});
    expect(scheduled.status).toBe(303);
    expect(scheduled.headers.get('location')).toBe(`/staff/rounds/${round.id}?saved=scheduled`);
    expect((await ctx.get(RoundsService).get(round.id)).status).toBe('scheduled');

    const shown = await client.getPage(`/staff/rounds/${round.id}?saved=scheduled`);
    expect(shown.text).toContain('Round scheduled.');
    expect(shown.text).toContain(`action="/staff/rounds/${round.id}/unschedule"`);
    const unscheduled = await client.postForm(`/staff/rounds/${round.id}/unschedule`, {});
    expect(unscheduled.headers.get('location')).toBe(`/staff/rounds/${round.id}?saved=unscheduled`);
    expect((await ctx.get(RoundsService).get(round.id, { includeDrafts: true })).status).toBe(
      'draft',
    );
    // Twice is refused with the reason, not a crash.
    const again = await client.postForm(`/staff/rounds/${round.id}/unschedule`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('This round cannot go from “draft” to “draft”');
  });

  it('does not offer to edit a round that is open', async () => {
    const round = await createRoundIn(ctx, fundSlug, 'open', diversionInput({ code: 'OPEN' }));
    const client = officerClient;
    const res = await client.getPage(`/staff/rounds/${round.id}/edit`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/rounds/${round.id}`);
    const page = await client.getPage(`/staff/rounds/${round.id}`);
    expect(page.text).not.toContain('Edit round');
  });

  it('lets staff preview a draft round page that the public cannot see', async () => {
    const round = await createRoundIn(ctx, fundSlug, 'draft', diversionInput({ code: 'PREV' }));
    expect((await new HttpClient(server.baseUrl).getPage(`/rounds/${round.id}`)).status).toBe(404);
    const client = officerClient;
    const page = await client.getPage(`/rounds/${round.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('This round is a draft');
  });

  it('sign-out revokes the session on the server, not just the cookie', async () => {
    const client = await signedIn(officer);
    expect((await client.getPage('/staff/rounds')).status).toBe(200);
    const stolen = new HttpClient(server.baseUrl);
    // Copy the session cookie as someone who had stolen it would.
    const token = (client as unknown as { cookies: Map<string, string> }).cookies.get(
      'grants_session',
    )!;
    const out = await client.postForm('/staff/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/sign-in?signed-out');
    expect(client.hasCookie('grants_session')).toBe(false);
    const replay = await stolen.get('/staff/rounds', {
      accept: 'text/html',
      cookie: `grants_session=${token}`,
    });
    expect(replay.status).toBe(303);
  });

  it('limits sign-in attempts from one address (run last: it uses up the allowance)', async () => {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    let last = { status: 0, text: '' };
    for (let attempt = 0; attempt < 11 && last.status !== 429; attempt += 1)
      last = await client.postForm('/staff/sign-in', {
        email: 'nobody@opcc.test',
        password: 'guess',
      });
    expect(last.status).toBe(429);
    expect(last.text).toContain('Too many attempts');
  });
});

describe('staff second factor over HTTP (REQUIRE_STAFF_MFA=true)', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let admin: StaffUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await createStaff(ctx, 'admin');
    server = await startServer({ env: { REQUIRE_STAFF_MFA: 'true' } });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('makes an admin set up an authenticator, then asks for its code at each sign-in', async () => {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    const signIn = await client.postForm('/staff/sign-in', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(signIn.headers.get('location')).toBe('/staff/rounds');
    const rounds = await client.getPage('/staff/rounds');
    expect(rounds.status).toBe(303);
    expect(rounds.headers.get('location')).toBe('/staff/account/second-factor');

    const setup = await client.getPage('/staff/account/second-factor');
    expect(setup.status).toBe(200);
    const secret = /data-secret="([A-Z2-7]+)"/.exec(setup.text)![1];
    expect(setup.text).toContain('otpauth://totp/');
    // Reloading keeps the same key (it may already be in the app).
    expect((await client.getPage('/staff/account/second-factor')).text).toContain(secret);

    const wrong = await client.postForm('/staff/account/second-factor', { code: '12345' });
    expect(wrong.status).toBe(422);
    expect(errorLinks(wrong.text)).toEqual([['#code', 'The code is 6 digits, like 123456']]);

    const confirm = await client.postForm('/staff/account/second-factor', {
      code: totpCodeAt(secret, Date.now()),
    });
    expect(confirm.status).toBe(303);
    expect((await client.getPage('/staff/rounds')).status).toBe(200);

    // Next time: password, then the code. Until then staff pages send you to the code page.
    await client.postForm('/staff/sign-out', {});
    await client.getPage('/staff/sign-in');
    const again = await client.postForm('/staff/sign-in', {
      email: admin.email,
      password: TEST_PASSWORD,
      next: '/staff/rounds/new',
    });
    expect(again.headers.get('location')).toBe('/staff/sign-in/code?next=%2Fstaff%2Frounds%2Fnew');
    const pending = await client.getPage('/staff/rounds');
    expect(pending.status).toBe(303);
    expect(pending.headers.get('location')).toBe('/staff/sign-in/code?next=%2Fstaff%2Frounds');

    const codePage = await client.getPage('/staff/sign-in/code?next=%2Fstaff%2Frounds%2Fnew');
    expect(codePage.status).toBe(200);
    const bad = await client.postForm('/staff/sign-in/code', {
      code: '000000',
      next: '/staff/rounds/new',
    });
    expect(bad.status).toBe(422);
    // A code from the next 30-second step: the one used at set-up cannot be used again.
    const good = await client.postForm('/staff/sign-in/code', {
      code: totpCodeAt(secret, Date.now() + 30_000),
      next: '/staff/rounds/new',
    });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/staff/rounds/new');
    expect((await client.getPage('/staff/rounds/new')).status).toBe(200);
  });
});
