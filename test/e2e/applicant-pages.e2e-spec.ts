import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { formatUk, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { Applicant, staffActor } from '@grants/identity';
import { Organisation, OrganisationInvite } from '@grants/organisations';
import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { pilotInput } from '../browser/browser-fixtures';
import {
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
  lastSignInCode,
  organisationInput,
} from '../factories/application.factory';
import { CRF, CSF, createFund, createRound } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

/** The error summary's links, as [href, text]. */
function errorLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)].map((m) => [
    m[1],
    unescape(m[2]),
  ]);
}

function unescape(html: string): string {
  return html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The organisation form as a browser posts it. */
function organisationForm(overrides: Record<string, string> = {}) {
  return { ...organisationInput(), ...overrides } as unknown as Record<string, string>;
}

describe('applicant pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let pilot: GrantRound;
  const tag = randomBytes(3).toString('hex');
  let seq = 0;
  const newEmail = (who: string) => `${who}-${tag}-${++seq}@braunstone-youth.org.uk`;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    await createFund(ctx, CRF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    pilot = await createOpenRound(
      ctx,
      CRF.slug,
      pilotInput({ opensAt: new Date(Date.now() - 60_000) }),
    );
    // Many sign-ins from one address in one file: the limits have their own tests.
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  /** Signs in through the pages: email, then the code from the email. */
  async function signIn(email: string, next?: string): Promise<HttpClient> {
    const client = new HttpClient(server.baseUrl);
    await client.getPage(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    const asked = await client.postForm('/sign-in', { email, ...(next ? { next } : {}) });
    expect(asked.status).toBe(303);
    await client.getPage(asked.headers.get('location')!);
    const code = await lastSignInCode(ctx.dataSource, email);
    const res = await client.postForm('/sign-in/code', { code, ...(next ? { next } : {}) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(next ?? '/applications');
    return client;
  }

  const applicantOf = (email: string) =>
    ctx.dataSource.getRepository(Applicant).findOneByOrFail({ email });

  /** A signed-in applicant with an organisation and a draft in the Diversion round. */
  async function applicantWithDraft(who: string) {
    const email = newEmail(who);
    const client = await signIn(email);
    const applicant = await applicantOf(email);
    const organisation = await createOrganisation(ctx, applicant);
    const draft = await ctx.get(ApplicationsService).start(applicant, round.id, organisation.id);
    return { client, applicant, organisation, draft };
  }

  describe('signing in with an emailed code', () => {
    it('asks for an email, keeps the request in a signed cookie, and signs in with the code', async () => {
      const email = newEmail('code');
      const client = new HttpClient(server.baseUrl);
      const page = await client.getPage('/sign-in');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Sign in to apply for a grant');

      const bad = await client.postForm('/sign-in', { email: 'not an email' });
      expect(bad.status).toBe(422);
      expect(errorLinks(bad.text)).toEqual([
        ['#email', 'Enter an email address in the correct format, like name@example.com'],
      ]);

      const asked = await client.postForm('/sign-in', { email: email.toUpperCase() });
      expect(asked.status).toBe(303);
      expect(asked.headers.get('location')).toBe('/sign-in/code');
      const requestCookie = asked.headers
        .getSetCookie()
        .find((c) => c.startsWith('grants_sign_in='))!;
      expect(requestCookie).toMatch(/; HttpOnly/i);
      expect(requestCookie).toMatch(/; SameSite=Lax/i);
      expect(requestCookie).toMatch(/; Path=\/sign-in/i);
      // Signed: the request id alone, without the signature, is not accepted.
      expect(decodeURIComponent(requestCookie.split(';')[0])).toMatch(/\}\.[\w+/=-]+$/);

      const codePage = await client.getPage('/sign-in/code');
      expect(codePage.status).toBe(200);
      expect(codePage.text).toContain('Check your email');
      expect(codePage.text).toContain(email);

      const code = await lastSignInCode(ctx.dataSource, email);
      const malformed = await client.postForm('/sign-in/code', { code: '12ab' });
      expect(malformed.status).toBe(422);
      expect(errorLinks(malformed.text)).toEqual([
        ['#code', 'Enter the 6-digit code from the email'],
      ]);
      const wrong = await client.postForm('/sign-in/code', {
        code: code === '000000' ? '111111' : '000000',
      });
      expect(wrong.status).toBe(401);
      expect(errorLinks(wrong.text)[0][1]).toContain('The code is not right');
      expect(client.hasCookie('grants_applicant')).toBe(false);

      const signedIn = await client.postForm('/sign-in/code', { code });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/applications');
      const session = signedIn.headers
        .getSetCookie()
        .find((c) => c.startsWith('grants_applicant='))!;
      expect(session).toMatch(/^grants_applicant=ap\./);
      expect(session).toMatch(/; HttpOnly/i);
      expect(session).toMatch(/; SameSite=Lax/i);
      expect(session).toMatch(/; Path=\//i);
      expect(session).not.toMatch(/; Secure/i);

      const dashboard = await client.getPage('/applications');
      expect(dashboard.status).toBe(200);
      expect(dashboard.text).toContain('Your applications');
      expect(dashboard.text).toContain('Apply to Diversion from ASB and Crime');

      // The request is used up: its cookie is gone, so the code page starts again.
      const again = await client.postForm('/sign-in/code', { code });
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe('/sign-in');
    });

    it('reads the same for an address with an account and one without', async () => {
      const existing = newEmail('existing');
      await signIn(existing);
      const pages = await Promise.all(
        [existing, newEmail('unknown')].map(async (email) => {
          const client = new HttpClient(server.baseUrl);
          await client.getPage('/sign-in');
          const asked = await client.postForm('/sign-in', { email });
          const page = await client.getPage('/sign-in/code');
          return { status: asked.status, text: page.text.replace(email, 'EMAIL') };
        }),
      );
      expect(pages[0].status).toBe(303);
      expect(pages[1].status).toBe(303);
      const main = (html: string) =>
        /<main[\s\S]*<\/main>/.exec(html)![0].replace(/name="_csrf" value="[^"]+"/, '');
      expect(main(pages[0].text)).toBe(main(pages[1].text));
    });

    it('sends a page without a session to sign in and back to it afterwards', async () => {
      const client = new HttpClient(server.baseUrl);
      const res = await client.getPage('/organisations/new?type=charity');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(
        '/sign-in?next=%2Forganisations%2Fnew%3Ftype%3Dcharity',
      );
      const signedIn = await signIn(newEmail('next'), '/organisations/new?type=charity');
      expect((await signedIn.getPage('/organisations/new?type=charity')).status).toBe(200);
      // Never off the site, nor back to the sign-in page.
      const evil = new HttpClient(server.baseUrl);
      const page = await evil.getPage('/sign-in?next=https://evil.example/');
      expect(page.text).not.toContain('evil.example');
    });

    it('signs in with the emailed link only through the button, once', async () => {
      const email = newEmail('link');
      const client = new HttpClient(server.baseUrl);
      const next = `/apply/${round.id}/organisation`;
      await client.getPage(`/sign-in?next=${encodeURIComponent(next)}`);
      await client.postForm('/sign-in', { email, next });
      const rows: { data: { linkUrl: string } }[] = await ctx.dataSource.query(
        `SELECT data FROM outbound_emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      const link = new URL(rows[0].data.linkUrl);
      const visitor = new HttpClient(server.baseUrl);
      const page = await visitor.getPage(link.pathname + link.search);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Continue to sign in');
      // Opening the link (as a mail scanner does) signs nobody in.
      expect(visitor.hasCookie('grants_applicant')).toBe(false);
      const token = link.searchParams.get('token')!;
      const res = await visitor.postForm('/sign-in/link', { token });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/applications');
      expect(visitor.hasCookie('grants_applicant')).toBe(true);
      // In the browser that asked, the link carries on where the person was going.
      await client.getPage(link.pathname + link.search);
      const again = await client.postForm('/sign-in/link', { token });
      expect(again.status).toBe(401); // used once already, by the other browser
      await client.postForm('/sign-in', { email, next });
      const second: { data: { linkUrl: string } }[] = await ctx.dataSource.query(
        `SELECT data FROM outbound_emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      const secondLink = new URL(second[0].data.linkUrl);
      await client.getPage(secondLink.pathname + secondLink.search);
      const followed = await client.postForm('/sign-in/link', {
        token: secondLink.searchParams.get('token')!,
      });
      expect(followed.headers.get('location')).toBe(next);
      const used = await new HttpClient(server.baseUrl).getPage(link.pathname + link.search);
      expect(used.status).toBe(401);
      expect(used.text).toContain('The sign-in link has expired or has already been used');
    });

    it('signs out, and the session no longer works', async () => {
      const client = await signIn(newEmail('out'));
      const token = client.cookie('grants_applicant')!;
      await client.getPage('/applications');
      const res = await client.postForm('/sign-out', {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in?signed-out');
      const stale = new HttpClient(server.baseUrl);
      const page = await stale.request('GET', '/applications', {
        headers: { accept: 'text/html', cookie: `grants_applicant=${token}` },
      });
      expect(page.status).toBe(303);
      // Signing out with a session that has already ended still clears the cookie.
      await client.getPage('/sign-in');
      const again = await client.postForm('/sign-out', {});
      expect(again.status).toBe(303);
      expect(again.headers.get('set-cookie')).toMatch(/grants_applicant=;/);
    });
  });

  describe('before signing in: the eligibility questions', () => {
    it('offers Apply on an open round only', async () => {
      const client = new HttpClient(server.baseUrl);
      expect((await client.getPage(`/rounds/${round.id}`)).text).toContain(
        `href="/apply/${round.id}"`,
      );
      const later = await createRound(ctx, CSF.slug, { code: `S${tag.slice(0, 4).toUpperCase()}` });
      await ctx.get(RoundsService).schedule(later.id, SYSTEM_ACTOR);
      const roundPage = await client.getPage(`/rounds/${later.id}`);
      expect(roundPage.status).toBe(200);
      expect(roundPage.text).not.toContain(`href="/apply/${later.id}"`);
      const start = await client.getPage(`/apply/${later.id}`);
      expect(start.text).toContain('This round is not open for applications yet');
      expect(start.text).not.toContain('Start now');
      const question = await client.getPage(`/apply/${later.id}/organisation-type`);
      expect(question.status).toBe(303);
      expect(question.headers.get('location')).toBe(`/apply/${later.id}`);
    });

    it('asks one question a page and tells a type the round does not fund why', async () => {
      const client = new HttpClient(server.baseUrl);
      const start = await client.getPage(`/apply/${round.id}`);
      expect(start.status).toBe(200);
      expect(start.text).toContain('Apply for a grant: Diversion from ASB and Crime');
      await client.getPage(`/apply/${round.id}/organisation-type`);
      const none = await client.postForm(`/apply/${round.id}/organisation-type`, {});
      expect(none.status).toBe(422);
      expect(errorLinks(none.text)).toEqual([['#type', 'Select the type of organisation you are']]);

      const company = await client.postForm(`/apply/${round.id}/organisation-type`, {
        type: 'company',
      });
      expect(company.status).toBe(303);
      const cannot = await client.getPage(company.headers.get('location')!);
      expect(cannot.text).toContain('Your organisation cannot apply to this round');
      expect(cannot.text).toContain('Registered charity');

      const charity = await client.postForm(`/apply/${round.id}/organisation-type`, {
        type: 'charity',
      });
      // No areas in this round: straight to the amount.
      expect(charity.headers.get('location')).toBe(`/apply/${round.id}/amount?type=charity`);
      await client.getPage(charity.headers.get('location')!);
      const decimals = await client.postForm(`/apply/${round.id}/amount?type=charity`, {
        amount: '£1,500.005',
      });
      expect(decimals.status).toBe(422);
      expect(errorLinks(decimals.text)[0][1]).toContain('no more than 2 decimal places');
      const tooMuch = await client.postForm(`/apply/${round.id}/amount?type=charity`, {
        amount: '£25,000',
      });
      const over = await client.getPage(tooMuch.headers.get('location')!);
      expect(over.text).toContain('This round gives grants of up to £20,000.00');
      const fine = await client.postForm(`/apply/${round.id}/amount?type=charity`, {
        amount: '£15,000',
      });
      expect(fine.headers.get('location')).toBe(
        `/apply/${round.id}/eligible?type=charity&amount=1500000`,
      );
    });

    it('asks where the project is for a round with areas, and gives the area cap', async () => {
      const client = new HttpClient(server.baseUrl);
      const winterton = pilot.areas.find((a) => a.name === 'Winterton')!;
      const page = await client.getPage(`/apply/${pilot.id}/area?type=community-group`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Where will your project take place?');
      const elsewhere = await client.postForm(`/apply/${pilot.id}/area?type=community-group`, {
        area: 'elsewhere',
      });
      const cannot = await client.getPage(elsewhere.headers.get('location')!);
      expect(cannot.text).toContain('Winterton');
      expect(cannot.text).toContain('Bridlington South');
      const there = await client.postForm(`/apply/${pilot.id}/area?type=community-group`, {
        area: winterton.id,
      });
      const amountPath = there.headers.get('location')!;
      expect(amountPath).toBe(
        `/apply/${pilot.id}/amount?type=community-group&area=${winterton.id}`,
      );
      expect((await client.getPage(amountPath)).text).toContain('up to £10,000.00');
    });

    it('starts the draft for the chosen organisation with the area and amount filled in', async () => {
      const email = newEmail('starter');
      const winterton = pilot.areas.find((a) => a.name === 'Winterton')!;
      const path = `/apply/${pilot.id}/organisation?type=charity&area=${winterton.id}&amount=950000`;
      const client = await signIn(email, path);
      const page = await client.getPage(path);
      expect(page.text).toContain('Add your organisation');
      const applicant = await applicantOf(email);
      const organisation = await createOrganisation(ctx, applicant);
      await client.getPage(path);
      const started = await client.postForm(path, { organisation: organisation.id });
      expect(started.status).toBe(303);
      const id = /^\/applications\/([0-9a-f-]{36})$/.exec(started.headers.get('location')!)![1];
      const draft = await ctx.dataSource.getRepository(Application).findOneByOrFail({ id });
      expect(draft).toMatchObject({
        status: 'draft',
        areaId: winterton.id,
        amountRequestedPence: 950_000,
        organisationId: organisation.id,
      });
      const taskList = await client.getPage(`/applications/${id}`);
      expect(taskList.status).toBe(200);
      expect(taskList.text).toContain('Not started');
    });
  });

  describe("another organisation's application", () => {
    let draft: Application;
    let organisation: Organisation;
    let outsider: HttpClient;

    beforeAll(async () => {
      ({ draft, organisation } = await applicantWithDraft('owner'));
      ({ client: outsider } = await applicantWithDraft('outsider'));
    });

    it.each([
      '',
      '/project',
      '/funding',
      '/dates',
      '/outcomes',
      '/beneficiaries',
      '/declarations',
      '/check',
      '/submitted',
      '/messages',
      '/withdraw',
    ])('is not found at /applications/:id%s', async (suffix) => {
      const res = await outsider.getPage(`/applications/${draft.id}${suffix}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
    });

    it.each(['/project', '/funding', '/submit', '/withdraw'])(
      'refuses a post to /applications/:id%s as not found, changing nothing',
      async (suffix) => {
        await outsider.getPage('/applications');
        const res = await outsider.postForm(`/applications/${draft.id}${suffix}`, {
          projectTitle: 'Taken over',
          amountRequested: '100',
        });
        expect(res.status).toBe(404);
        const after = await ctx.dataSource.getRepository(Application).findOneByOrFail({
          id: draft.id,
        });
        expect(after.status).toBe('draft');
        expect(after.projectTitle).toBe('');
      },
    );

    it('cannot see or change the organisation, nor invite to it', async () => {
      expect((await outsider.getPage(`/organisations/${organisation.id}`)).status).toBe(404);
      expect((await outsider.getPage(`/organisations/${organisation.id}/members`)).status).toBe(
        404,
      );
      await outsider.getPage('/organisations');
      const res = await outsider.postForm(`/organisations/${organisation.id}/members`, {
        email: 'someone@example.org',
      });
      expect(res.status).toBe(404);
    });

    it('gets not found, not an error, for ids that are not ids', async () => {
      expect((await outsider.getPage('/applications/not-a-uuid')).status).toBe(404);
      expect((await outsider.getPage(`/applications/${draft.id}/nonsense`)).status).toBe(404);
      expect((await outsider.getPage('/apply/not-a-uuid')).status).toBe(404);
    });
  });

  describe('bad input on the forms', () => {
    let client: HttpClient;
    let draft: Application;

    beforeAll(async () => {
      ({ client, draft } = await applicantWithDraft('forms'));
    });

    const saved = () =>
      ctx.dataSource.getRepository(Application).findOneOrFail({
        where: { id: draft.id },
        relations: { budgetLines: true },
      });

    it('refuses an over-long title with its message, keeping what was typed', async () => {
      await client.getPage(`/applications/${draft.id}/project`);
      const title = 't'.repeat(121);
      const res = await client.postForm(`/applications/${draft.id}/project`, {
        projectTitle: title,
        projectSummary: 'Free coached football on Friday evenings.',
        planThemes: 'Partnerships',
        themesExplanation: 'Somewhere safe to be.',
      });
      expect(res.status).toBe(422);
      expect(errorLinks(res.text)).toEqual([
        ['#projectTitle', 'The project title must be 120 characters or fewer'],
      ]);
      expect(res.text).toContain(`value="${title}"`);
      expect(res.text).toContain('Free coached football on Friday evenings.');
      expect((await saved()).projectTitle).toBe('');
    });

    it.each([
      ['£1,500.005', 'no more than 2 decimal places'],
      ['-1500', 'The amount you are asking for must be more than £0'],
      ['0', 'The amount you are asking for must be more than £0'],
      ['lots', 'The amount you are asking for must be in pounds'],
    ])('refuses the amount %s with a message on the field', async (amount, message) => {
      await client.getPage(`/applications/${draft.id}/funding`);
      const res = await client.postForm(`/applications/${draft.id}/funding`, {
        amountRequested: amount,
        'budgetLines-0-item': 'Coaches',
        'budgetLines-0-amount': '1500',
      });
      expect(res.status).toBe(422);
      const links = errorLinks(res.text);
      expect(links[0][0]).toBe('#amountRequested');
      expect(links[0][1]).toContain(message);
      expect(res.text).toContain(`value="${amount}"`);
    });

    it('names the budget line that is wrong, and checks the lines add up', async () => {
      await client.getPage(`/applications/${draft.id}/funding`);
      const res = await client.postForm(`/applications/${draft.id}/funding`, {
        amountRequested: '15000',
        'budgetLines-0-item': 'Coaches',
        'budgetLines-0-amount': '12000',
        'budgetLines-1-item': '',
        'budgetLines-1-amount': '',
        'budgetLines-2-item': '',
        'budgetLines-2-amount': '3000.001',
      });
      expect(res.status).toBe(422);
      // The blank row is dropped, so the third row becomes budget line 2.
      expect(errorLinks(res.text)).toEqual([
        ['#budgetLines-1-item', 'Enter what budget line 2 is for'],
        [
          '#budgetLines-1-amount',
          'The amount for budget line 2 must be in pounds and pence, with no more than 2 decimal places, like £1,250.50',
        ],
      ]);
      const sums = await client.postForm(`/applications/${draft.id}/funding`, {
        amountRequested: '15000',
        'budgetLines-0-item': 'Coaches',
        'budgetLines-0-amount': '12000',
        'budgetLines-1-item': 'Pitch hire',
        'budgetLines-1-amount': '2000',
      });
      expect(sums.status).toBe(422);
      expect(errorLinks(sums.text)).toEqual([
        [
          '#budgetLines-0-item',
          'The budget lines add up to £14,000.00 but you are asking for £15,000.00: they must be the same',
        ],
      ]);
      const ok = await client.postForm(`/applications/${draft.id}/funding`, {
        amountRequested: '15000',
        'budgetLines-0-item': 'Coaches',
        'budgetLines-0-amount': '12000',
        'budgetLines-1-item': 'Pitch hire',
        'budgetLines-1-amount': '3000',
      });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe(`/applications/${draft.id}`);
      const after = await saved();
      expect(after.amountRequestedPence).toBe(1_500_000);
      expect(after.budgetLines.map((l) => l.amountPence).sort()).toEqual([1_200_000, 300_000]);
    });

    it('refuses a date that does not exist and a start before the round closes', async () => {
      await client.getPage(`/applications/${draft.id}/dates`);
      const bad = await client.postForm(`/applications/${draft.id}/dates`, {
        'startDate-day': '31',
        'startDate-month': '2',
        'startDate-year': '2031',
        durationMonths: 'twelve',
      });
      expect(bad.status).toBe(422);
      expect(errorLinks(bad.text).map(([href]) => href)).toEqual([
        '#startDate-day',
        '#durationMonths',
      ]);
      const early = await client.postForm(`/applications/${draft.id}/dates`, {
        'startDate-day': '1',
        'startDate-month': '1',
        'startDate-year': '2020',
        durationMonths: '6',
      });
      expect(errorLinks(early.text)).toEqual([
        [
          '#startDate-day',
          expect.stringContaining('The project cannot start before the round closes'),
        ],
        ['#durationMonths', 'The project must run for between 12 and 24 months'],
      ]);
    });

    it('stores HTML typed into a field as text and shows it escaped', async () => {
      const title = '<script>alert("pwned")</script> & <b>co</b>';
      await client.getPage(`/applications/${draft.id}/project`);
      const res = await client.postForm(`/applications/${draft.id}/project`, {
        projectTitle: title,
        projectSummary: '<img src=x onerror=alert(1)>\nSecond line',
        planThemes: 'Partnerships',
        themesExplanation: 'Somewhere safe to be.',
      });
      expect(res.status).toBe(303);
      expect((await saved()).projectTitle).toBe(title);
      for (const path of ['', '/check', '/project']) {
        const page = await client.getPage(`/applications/${draft.id}${path}`);
        expect(page.text).not.toContain('<script>alert');
        expect(page.text).not.toContain('<img src=x');
        expect(page.text).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
      }
      expect((await client.getPage('/applications')).text).not.toContain('<script>alert');
    });

    it('refuses a bad postcode and a bad charity number on the organisation form', async () => {
      await client.getPage('/organisations/new');
      const res = await client.postForm(
        '/organisations/new',
        organisationForm({ postcode: 'NOT A CODE', charityNumber: '12AB' }),
      );
      expect(res.status).toBe(422);
      expect(errorLinks(res.text)).toEqual([
        [
          '#charityNumber',
          'Enter a charity number in the correct format, like 1123456 (or SC012345 in Scotland)',
        ],
        ['#postcode', 'Enter a full UK postcode, like DN15 9AB'],
      ]);
      expect(res.text).toContain('value="NOT A CODE"');
      const created = await client.postForm(
        '/organisations/new',
        organisationForm({
          name: 'Winterton Youth Club',
          companyNumber: '1234567',
          type: 'cic',
          charityNumber: '',
        }),
      );
      expect(created.status).toBe(303);
      const list = await client.getPage('/organisations');
      expect(list.text).toContain('Winterton Youth Club');
      expect(list.text).toContain('GB-COH-01234567');
    });

    it('refuses a bad invitation address with its message', async () => {
      const orgs = await client.getPage('/organisations');
      const orgId = /href="\/organisations\/([0-9a-f-]{36})\/members"/.exec(orgs.text)![1];
      await client.getPage(`/organisations/${orgId}/members`);
      const bad = await client.postForm(`/organisations/${orgId}/members`, { email: 'nope' });
      expect(bad.status).toBe(422);
      expect(errorLinks(bad.text)[0][0]).toBe('#email');
      const ok = await client.postForm(`/organisations/${orgId}/members`, {
        email: `colleague-${tag}@braunstone-youth.org.uk`,
      });
      expect(ok.status).toBe(303);
      const page = await client.getPage(ok.headers.get('location')!);
      expect(page.text).toContain('Invitation sent');
      expect(page.text).toContain(`colleague-${tag}@braunstone-youth.org.uk`);
    });

    it('refuses a form post without the CSRF token, changing nothing', async () => {
      await client.getPage(`/applications/${draft.id}/outcomes`);
      const res = await client.request('POST', `/applications/${draft.id}/outcomes`, {
        form: { outcomes: 'Fewer reports of ASB', outcomeMeasures: 'Police figures' },
      });
      expect(res.status).toBe(403);
      expect(res.text).toContain('The form has expired or was sent from another site');
      expect((await saved()).outcomes).toBe('');
    });
  });

  describe('checking and submitting', () => {
    it('lists what is missing, each linked to its section', async () => {
      const { client, draft } = await applicantWithDraft('missing');
      await client.getPage(`/applications/${draft.id}/check`);
      const res = await client.postForm(`/applications/${draft.id}/submit`, {});
      expect(res.status).toBe(422);
      const links = errorLinks(res.text);
      expect(links[0]).toEqual([
        `/applications/${draft.id}/project`,
        'Enter a title for the project',
      ]);
      expect(links.map(([href]) => href)).toContain(`/applications/${draft.id}/declarations`);
    });

    it('submits a complete draft and shows the reference', async () => {
      const email = newEmail('submit');
      const client = await signIn(email);
      const applicant = await applicantOf(email);
      const organisation = await createOrganisation(ctx, applicant);
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
      const taskList = await client.getPage(`/applications/${draft.id}`);
      expect(taskList.text).toContain('You have completed 6 of 6 sections');
      const check = await client.getPage(`/applications/${draft.id}/check`);
      expect(check.text).toContain('Friday night football in Braunstone');
      expect(check.text).toContain(`href="/applications/${draft.id}/funding"`);
      const res = await client.postForm(`/applications/${draft.id}/submit`, {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/applications/${draft.id}/submitted`);
      const done = await client.getPage(`/applications/${draft.id}/submitted`);
      const { reference } = await ctx.dataSource
        .getRepository(Application)
        .findOneByOrFail({ id: draft.id });
      expect(reference).toMatch(/^CSF-\d{4}-DIV-\d{4}$/);
      expect(done.text).toContain(reference!);
      expect(done.text).toContain('We have sent a confirmation email');
      const messages = await client.getPage(`/applications/${draft.id}/messages`);
      expect(messages.text).toContain(`Application ${reference} received`);
      // Submitted: the sections cannot be changed any more.
      const section = await client.getPage(`/applications/${draft.id}/project`);
      expect(section.status).toBe(303);
      // Twice: the reference stays the same.
      await client.getPage(`/applications/${draft.id}/check`);
      const again = await client.postForm(`/applications/${draft.id}/submit`, {});
      expect(again.status).toBe(303);
    });

    it('after the deadline keeps the draft and says why it cannot be submitted', async () => {
      const email = newEmail('late');
      const client = await signIn(email);
      const applicant = await applicantOf(email);
      const organisation = await createOrganisation(ctx, applicant);
      const lateRound = await createOpenRound(ctx, CSF.slug, {
        code: `L${tag.slice(0, 4).toUpperCase()}`,
      });
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, lateRound);
      await ctx.dataSource.query(
        `UPDATE grant_rounds SET closes_at = opens_at + interval '1 second' WHERE id = $1`,
        [lateRound.id],
      );
      const check = await client.getPage(`/applications/${draft.id}/check`);
      expect(check.text).toContain('The deadline for this round was');
      const res = await client.postForm(`/applications/${draft.id}/submit`, {});
      expect(res.status).toBe(422);
      expect(res.text).toContain('Your draft has been kept, but it can no longer be submitted');
      // Said once, as the warning in place of the submit button; no summary linking nowhere.
      expect(res.text.split('can no longer be submitted').length - 1).toBe(1);
      expect(res.text).not.toContain('href="#submit"');
      const after = await ctx.dataSource
        .getRepository(Application)
        .findOneByOrFail({ id: draft.id });
      expect(after.status).toBe('draft');
    });

    it('answers a request for more information, and shows a correction asked for', async () => {
      const email = newEmail('asked');
      const client = await signIn(email);
      const applicant = await applicantOf(email);
      const organisation = await createOrganisation(ctx, applicant);
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, round);
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      const officer = staffActor(await createStaff(ctx, 'grants-officer'));
      const question = 'When was your safeguarding policy last reviewed?';
      await ctx
        .get(AppraisalService)
        .appraise(
          draft.id,
          { confirmed: [], outcome: 'more-information', reason: question },
          officer,
        );

      const taskList = await client.getPage(`/applications/${draft.id}`);
      expect(taskList.text).toContain('The grants team needs more information');
      expect(taskList.text).toContain(question);
      expect((await client.getPage(`/applications/${draft.id}/outcomes`)).status).toBe(200);
      const check = await client.getPage(`/applications/${draft.id}/check`);
      expect(check.text).toContain('Your answer');
      const empty = await client.postForm(`/applications/${draft.id}/submit`, { response: '' });
      expect(empty.status).toBe(422);
      expect(errorLinks(empty.text)).toEqual([['#response', 'Enter your answer to the question']]);
      const answered = await client.postForm(`/applications/${draft.id}/submit`, {
        response: 'In March, by our trustees.',
      });
      expect(answered.status).toBe(303);
      expect((await client.getPage(`/applications/${draft.id}/submitted`)).text).toContain(
        'Answer sent',
      );
      const messages = await client.getPage(`/applications/${draft.id}/messages`);
      expect(messages.text).toContain('In March, by our trustees.');
      expect(messages.text).toContain('From you');

      await ctx
        .get(AppraisalService)
        .reopen(draft.id, 'The budget is missing the venue hire.', officer);
      const reopened = await client.getPage(`/applications/${draft.id}`);
      expect(reopened.text).toContain('Your application has been reopened for a correction');
      expect(reopened.text).toContain('The budget is missing the venue hire.');
      expect((await client.getPage(`/applications/${draft.id}/funding`)).status).toBe(200);
    });

    it('withdraws a draft after asking, with an optional reason', async () => {
      const { client, draft } = await applicantWithDraft('withdraw');
      const page = await client.getPage(`/applications/${draft.id}/withdraw`);
      expect(page.text).toContain('Are you sure you want to withdraw');
      const res = await client.postForm(`/applications/${draft.id}/withdraw`, {
        reason: 'We found other funding',
      });
      expect(res.status).toBe(303);
      const taskList = await client.getPage(`/applications/${draft.id}`);
      expect(taskList.text).toContain('Application withdrawn');
      expect((await client.getPage(`/applications/${draft.id}/withdraw`)).status).toBe(303);
    });
  });

  describe('invitations to join an organisation', () => {
    /** A signed-in chair of a Winterton group, and an invitation they sent through the page. */
    async function chairInvites(who: string) {
      const chairEmail = newEmail('chair');
      const chair = await signIn(chairEmail);
      const chairApplicant = await applicantOf(chairEmail);
      const organisation = await createOrganisation(ctx, chairApplicant, {
        name: 'Winterton Community Partnership',
      });
      const email = newEmail(who);
      await chair.getPage(`/organisations/${organisation.id}/members`);
      const sent = await chair.postForm(`/organisations/${organisation.id}/members`, { email });
      expect(sent.status).toBe(303);
      const invite = await ctx.dataSource
        .getRepository(OrganisationInvite)
        .findOneByOrFail({ organisationId: organisation.id, email });
      return { chair, chairApplicant, organisation, email, invite, sent };
    }
    const acceptPath = (id: string) => `/organisations/invitations/${id}/accept`;
    const declinePath = (id: string) => `/organisations/invitations/${id}/decline`;

    it('shows an invitation on the dashboard and Your organisations, and joins only on Accept', async () => {
      const { chair, chairApplicant, organisation, email, invite, sent } =
        await chairInvites('treasurer');
      const draft = await ctx
        .get(ApplicationsService)
        .start(chairApplicant, round.id, organisation.id);

      const members = await chair.getPage(sent.headers.get('location')!);
      expect(members.text).toContain('Invitation sent');
      expect(members.text).toContain('Invited, not accepted yet');
      expect(members.text).toContain(email);
      expect(members.text).toContain(formatUk(invite.expiresAt));
      expect(members.text).toContain(
        `/organisations/${organisation.id}/invites/${invite.id}/withdraw`,
      );

      // Signing in with the address does not make them a member.
      const treasurer = await signIn(email);
      const dashboard = await treasurer.getPage('/applications');
      expect(dashboard.text).toContain('govuk-notification-banner');
      expect(dashboard.text).toContain(
        "You have been invited to work on Winterton Community Partnership's applications.",
      );
      expect(dashboard.text).toContain(
        'href="/organisations">Accept or decline in Your organisations',
      );
      expect(dashboard.text).not.toContain(`/applications/${draft.id}`);
      expect((await treasurer.getPage(`/applications/${draft.id}`)).status).toBe(404);
      expect((await treasurer.getPage(`/organisations/${organisation.id}/members`)).status).toBe(
        404,
      );

      const list = await treasurer.getPage('/organisations');
      expect(list.text).toContain('Invitations');
      expect(list.text).toContain('Winterton Community Partnership');
      expect(list.text).toContain(`You can accept until ${formatUk(invite.expiresAt)}`);
      expect(list.text).toContain(`action="${acceptPath(invite.id)}"`);
      expect(list.text).toContain(`action="${declinePath(invite.id)}"`);
      expect(list.text).not.toContain('href="/organisations/' + organisation.id + '"');

      // A form post without the CSRF token changes nothing.
      const forged = await treasurer.request('POST', acceptPath(invite.id), { form: {} });
      expect(forged.status).toBe(403);
      // Nobody else can accept it, even knowing its id.
      const { client: outsider } = await applicantWithDraft('outsider');
      await outsider.getPage('/organisations');
      const taken = await outsider.postForm(acceptPath(invite.id), {});
      expect(taken.status).toBe(404);
      expect(unescape(taken.text)).toContain('sign in with that address');
      expect(
        (await ctx.dataSource.getRepository(OrganisationInvite).findOneByOrFail({ id: invite.id }))
          .acceptedAt,
      ).toBeNull();

      const accepted = await treasurer.postForm(acceptPath(invite.id), {});
      expect(accepted.status).toBe(303);
      expect(accepted.headers.get('location')).toBe(`/organisations?joined=${organisation.id}`);
      const joined = await treasurer.getPage(accepted.headers.get('location')!);
      expect(joined.text).toContain('You are now a member of Winterton Community Partnership.');
      expect(joined.text).not.toContain(acceptPath(invite.id));
      expect(joined.text).toContain(`href="/organisations/${organisation.id}/members"`);
      const nowMember = await treasurer.getPage('/applications');
      expect(nowMember.text).not.toContain('govuk-notification-banner');
      expect(nowMember.text).toContain(`/applications/${draft.id}`);

      // Answered once: the page says why, with the status.
      const again = await treasurer.postForm(acceptPath(invite.id), {});
      expect(again.status).toBe(409);
      expect(unescape(again.text)).toContain(
        'You have already accepted this invitation: Winterton Community Partnership is in your organisations.',
      );
      expect(again.text).toContain('govuk-error-summary');
    });

    it('declines an invitation, and refuses an expired one with its message', async () => {
      const { invite, email } = await chairInvites('decliner');
      const decliner = await signIn(email);
      await decliner.getPage('/organisations');
      const declined = await decliner.postForm(declinePath(invite.id), {});
      expect(declined.status).toBe(303);
      expect(declined.headers.get('location')).toBe('/organisations?saved=declined');
      const list = await decliner.getPage(declined.headers.get('location')!);
      expect(list.text).toContain('Invitation declined.');
      expect(list.text).not.toContain(acceptPath(invite.id));
      expect(list.text).not.toContain('Winterton Community Partnership');

      const late = await chairInvites('late');
      await ctx.dataSource.query(
        `UPDATE organisation_invites SET expires_at = now() - interval '1 hour' WHERE id = $1`,
        [late.invite.id],
      );
      const lateClient = await signIn(late.email);
      expect((await lateClient.getPage('/applications')).text).not.toContain(
        'govuk-notification-banner',
      );
      const lateList = await lateClient.getPage('/organisations');
      expect(lateList.text).not.toContain(acceptPath(late.invite.id));
      const refused = await lateClient.postForm(acceptPath(late.invite.id), {});
      expect(refused.status).toBe(410);
      expect(unescape(refused.text)).toContain('This invitation expired on');
      expect(unescape(refused.text)).toContain(
        "To work on Winterton Community Partnership's applications, ask one of its members to invite you again.",
      );
    });

    it('lets a member withdraw an invitation from the members page, and nobody else', async () => {
      const { chair, organisation, email, invite } = await chairInvites('volunteer');
      const withdrawPath = `/organisations/${organisation.id}/invites/${invite.id}/withdraw`;
      const { client: outsider } = await applicantWithDraft('outsider');
      await outsider.getPage('/organisations');
      expect((await outsider.postForm(withdrawPath, {})).status).toBe(404);

      await chair.getPage(`/organisations/${organisation.id}/members`);
      const withdrawn = await chair.postForm(withdrawPath, {});
      expect(withdrawn.status).toBe(303);
      expect(withdrawn.headers.get('location')).toBe(
        `/organisations/${organisation.id}/members?withdrawn`,
      );
      const page = await chair.getPage(withdrawn.headers.get('location')!);
      expect(page.text).toContain('Invitation withdrawn.');
      expect(page.text).not.toContain(email);
      const again = await chair.postForm(withdrawPath, {});
      expect(again.status).toBe(409);
      expect(unescape(again.text)).toContain(
        `The invitation to ${email} has already been withdrawn.`,
      );

      const volunteer = await signIn(email);
      expect((await volunteer.getPage('/organisations')).text).not.toContain(acceptPath(invite.id));
      const refused = await volunteer.postForm(acceptPath(invite.id), {});
      expect(refused.status).toBe(410);
    });
  });
});
