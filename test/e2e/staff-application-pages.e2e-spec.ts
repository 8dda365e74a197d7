import { Application, ApplicationsService } from '@grants/applications';
import { DEFAULT_APPRAISAL_CHECKLIST, GrantRound, RoundsService } from '@grants/funds';
import { Applicant, StaffUser } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { pilotInput } from '../browser/browser-fixtures';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CRF, CSF, createFund } from '../factories/round.factory';
import { createStaff, TEST_PASSWORD } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

/** The error summary's links, as [href, text]. */
function errorLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)].map((m) => [
    m[1],
    decode(m[2]),
  ]);
}

function decode(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The queue's references, in the order the table lists them. */
function queueReferences(html: string): string[] {
  return [
    ...html.matchAll(
      /<a class="govuk-link" href="\/staff\/applications\/[0-9a-f-]{36}">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1]);
}

/** RFC 4180 CSV, as a spreadsheet reads it: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('staff application pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let officer: StaffUser;
  let applicant: Applicant;
  let organisation: Organisation;
  let diversion: GrantRound;
  let pilot: GrantRound;
  /** Signed in once each: sign-in posts are rate-limited per address. */
  let officerClient: HttpClient;
  let assessorClient: HttpClient;
  let commissionerClient: HttpClient;
  let roundCodes = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    await createFund(ctx, CRF);
    officer = await createStaff(ctx, 'grants-officer');
    const assessor = await createStaff(ctx, 'assessor');
    const commissioner = await createStaff(ctx, 'decision-maker');
    applicant = await createApplicant(ctx, 'sam@braunstone-youth.org.uk');
    organisation = await createOrganisation(ctx, applicant);
    diversion = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    pilot = await createOpenRound(ctx, CRF.slug, {
      ...pilotInput(),
      opensAt: new Date(Date.now() - 60_000),
      oneApplicationPerArea: true,
    });
    server = await startServer();
    officerClient = await signedIn(officer);
    assessorClient = await signedIn(assessor);
    commissionerClient = await signedIn(commissioner);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  async function signedIn(user: StaffUser): Promise<HttpClient> {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/staff/sign-in');
    const res = await client.postForm('/staff/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    return client;
  }

  async function submitted(
    round: GrantRound,
    overrides: Parameters<typeof createCompleteDraft>[4] = {},
  ): Promise<Application> {
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, overrides);
    return ctx.get(ApplicationsService).submit(applicant, draft.id);
  }

  /** A pilot application: an area, and within the £10,000 an area can receive. */
  function inArea(round: GrantRound, area: number) {
    return {
      areaId: round.areas[area].id,
      projectTitle: 'Park outreach on Friday evenings',
      amountRequestedPence: 800_000,
      budgetLines: [
        { item: 'Outreach workers', amountPence: 650_000 },
        { item: 'Activities', amountPence: 150_000 },
      ],
    };
  }

  async function statusOf(id: string): Promise<string> {
    const rows: { status: string }[] = await ctx.dataSource.query(
      'SELECT status FROM applications WHERE id = $1',
      [id],
    );
    return rows[0].status;
  }

  async function noticesTo(email: string, reference: string) {
    const rows: { data: { action: string; reference: string; body: string } }[] =
      await ctx.dataSource.query(
        `SELECT data FROM outbound_emails WHERE to_address = $1 AND template = 'applications/application-notice'
          ORDER BY created_at`,
        [email],
      );
    return rows.map((r) => r.data).filter((d) => d.reference === reference);
  }

  /** Posts the appraisal form from the application's page, as the browser would. */
  async function appraise(id: string, form: Record<string, string | string[]>) {
    expect((await officerClient.getPage(`/staff/applications/${id}`)).status).toBe(200);
    return officerClient.postForm(`/staff/applications/${id}/appraisal`, form);
  }

  it("counts a round's submitted applications on its summary page, not the drafts", async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: 'CNT' });
    await submitted(round);
    await submitted(round);
    await createCompleteDraft(ctx, applicant, organisation.id, round);
    const page = await officerClient.getPage(`/staff/rounds/${round.id}`);
    expect(page.text).toContain('Applications (2)');
  });

  it('asks for a staff-only reason to mark eligible over a failed check, and does not send it', async () => {
    const round = await createOpenRound(ctx, CSF.slug, {
      code: 'OVR',
      eligibleOrganisationTypes: ['community-group'],
    });
    const app = await submitted(round);
    const form = {
      action: 'record',
      outcome: 'eligible',
      confirmed: DEFAULT_APPRAISAL_CHECKLIST,
      eligibleNote: 'Well done.',
    };
    const page = await officerClient.getPage(`/staff/applications/${app.id}`);
    expect(page.text).toContain('id="overrideReason"');
    const refused = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, form);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#overrideReason"');
    expect(await statusOf(app.id)).toBe('submitted');
    const done = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      ...form,
      overrideReason: 'INTERNAL: constituted as a community group since 2019.',
    });
    expect(done.status).toBe(303);
    expect(await statusOf(app.id)).toBe('eligible');
    const sent = await noticesTo(applicant.email, app.reference!);
    expect(sent).toEqual([expect.objectContaining({ action: 'eligible' })]);
    expect(JSON.stringify(sent)).not.toContain('INTERNAL');
    expect(JSON.stringify(sent)).toContain('Well done.');
  });

  it('lets only the office roles that appraise or decide read applications', async () => {
    const app = await submitted(diversion);
    for (const path of [
      '/staff/applications',
      `/staff/applications/${app.id}`,
      `/staff/rounds/${diversion.id}/applications`,
      `/staff/rounds/${diversion.id}/applications.csv`,
    ]) {
      expect((await assessorClient.getPage(path)).status).toBe(403);
      expect((await commissionerClient.getPage(path)).status).toBe(200);
    }
    // The menu offers the queue only to those who may read it.
    expect((await assessorClient.getPage('/staff/rounds')).text).not.toContain(
      'href="/staff/applications"',
    );
    expect((await commissionerClient.getPage('/staff/rounds')).text).toContain(
      'href="/staff/applications"',
    );
    // A decision maker reads but does not appraise: no form, and a post is refused.
    const page = await commissionerClient.getPage(`/staff/applications/${app.id}`);
    expect(page.text).not.toContain('Record outcome');
    expect(page.text).toContain('waiting for a grants officer');
    const post = await commissionerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      outcome: 'ineligible',
      ineligibleReason: 'No',
    });
    expect(post.status).toBe(403);
    expect((await commissionerClient.getPage(`/staff/applications/${app.id}/reopen`)).status).toBe(
      403,
    );
    expect(await statusOf(app.id)).toBe('submitted');
    // Without a session, the page sends the browser to sign in and back.
    const anonymous = await new HttpClient(server.baseUrl).getPage('/staff/applications');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/staff/sign-in?next=%2Fstaff%2Fapplications');
  });

  it('lists the queue, oldest first, filtered by round, area and status', async () => {
    const round = await createOpenRound(ctx, CSF.slug, {
      code: `Q${++roundCodes}`,
      title: 'Children and Young People',
    });
    const first = await submitted(round, { projectTitle: 'Detached youth work in Braunstone' });
    const second = await submitted(round, {
      amountRequestedPence: 1_234_567,
      budgetLines: [
        { item: 'Youth workers', amountPence: 1_000_000 },
        { item: 'Minibus hire', amountPence: 234_567 },
      ],
    });
    await createCompleteDraft(ctx, applicant, organisation.id, round); // never sent: not listed
    const winterton = await submitted(pilot, inArea(pilot, 0));
    const bridlington = await submitted(pilot, inArea(pilot, 1));

    const byRound = await officerClient.getPage(`/staff/applications?round=${round.id}`);
    expect(byRound.status).toBe(200);
    expect(queueReferences(byRound.text)).toEqual([first.reference, second.reference]);
    expect(byRound.text).toContain(
      '2 applications awaiting appraisal in Children and Young People',
    );
    expect(byRound.text).toContain('£12,345.67');
    expect(byRound.text).toContain('Checks passed');
    expect(byRound.text).toContain('Detached youth work in Braunstone');
    // The round's own select option is chosen, so the filter shows what is applied.
    expect(byRound.text).toMatch(new RegExp(`<option value="${round.id}" selected>`));

    const byArea = await officerClient.getPage(
      `/staff/applications?round=${pilot.id}&area=${pilot.areas[1].id}`,
    );
    expect(queueReferences(byArea.text)).toEqual([bridlington.reference]);
    expect(byArea.text).toContain('Bridlington South');
    const wholePilot = await officerClient.getPage(`/staff/applications?round=${pilot.id}`);
    expect(queueReferences(wholePilot.text)).toEqual([winterton.reference, bridlington.reference]);

    // Status: awaiting appraisal by default; another status; or every status but draft.
    await ctx.dataSource.query(`UPDATE applications SET status = 'eligible' WHERE id = $1`, [
      first.id,
    ]);
    const waiting = await officerClient.getPage(`/staff/applications?round=${round.id}`);
    expect(queueReferences(waiting.text)).toEqual([second.reference]);
    const eligible = await officerClient.getPage(
      `/staff/applications?round=${round.id}&status=eligible`,
    );
    expect(queueReferences(eligible.text)).toEqual([first.reference]);
    const all = await officerClient.getPage(`/staff/applications?round=${round.id}&status=all`);
    expect(queueReferences(all.text)).toEqual([first.reference, second.reference]);
  });

  it.each([
    ['a round that is not an id', 'round=not-a-uuid', 'The round in the link was not found'],
    ['a round that does not exist', `round=${randomUUID()}`, 'The round in the link was not found'],
    ['an unknown status', 'status=approved', 'The status in the link is not one the list can show'],
    ['drafts', 'status=draft', 'The status in the link is not one the list can show'],
    ['an area of no round', `area=${randomUUID()}`, 'Choose a round before an area'],
    ['a value twice', 'status=submitted&status=eligible', null],
    ['an odd shape', 'round[a]=1&status[]=x', null],
  ])('shows the queue for %s, saying what it ignored', async (_what, query, notice) => {
    const res = await officerClient.getPage(`/staff/applications?${query}`);
    expect(res.status).toBe(200);
    if (notice) expect(decode(res.text)).toContain(notice);
  });

  it('refuses an outcome the rules do not allow, on its field, saving nothing', async () => {
    const app = await submitted(diversion);

    const unticked = await appraise(app.id, {
      action: 'record',
      outcome: 'eligible',
      confirmed: DEFAULT_APPRAISAL_CHECKLIST.slice(0, 2),
    });
    expect(unticked.status).toBe(422);
    expect(errorLinks(unticked.text)).toEqual([
      [
        '#confirmed',
        expect.stringContaining('Confirm every checklist item before marking it eligible'),
      ],
    ]);
    expect(unticked.text).toContain('<title>Error:');
    // What was ticked stays ticked.
    expect(unticked.text).toMatch(/value="Governing document seen" checked/);

    const noReason = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      action: 'record',
      outcome: 'ineligible',
      ineligibleReason: '   ',
    });
    expect(noReason.status).toBe(422);
    expect(errorLinks(noReason.text)).toEqual([
      [
        '#ineligibleReason',
        'Enter why the application is not eligible: the applicant is sent this',
      ],
    ]);

    const noQuestion = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      action: 'record',
      outcome: 'more-information',
    });
    expect(errorLinks(noQuestion.text)).toEqual([
      ['#question', 'Enter the information you need from the applicant: they are sent this'],
    ]);

    const noOutcome = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      action: 'record',
    });
    expect(noOutcome.status).toBe(422);
    expect(errorLinks(noOutcome.text)[0][0]).toBe('#outcome');

    const notOnChecklist = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      action: 'save',
      confirmed: ['Seen the trustees in person'],
    });
    expect(notOnChecklist.status).toBe(422);
    expect(errorLinks(notOnChecklist.text)[0][0]).toBe('#confirmed');

    expect(await statusOf(app.id)).toBe('submitted');
    expect(await noticesTo(applicant.email, app.reference!)).toEqual([]);
  });

  it('saves the checklist alone, then marks eligible and emails the applicant', async () => {
    const app = await submitted(diversion);
    const saved = await appraise(app.id, {
      action: 'save',
      confirmed: DEFAULT_APPRAISAL_CHECKLIST.slice(0, 3),
      outcome: 'eligible',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/staff/applications/${app.id}?done=checklist`);
    expect(await statusOf(app.id)).toBe('submitted');
    const page = await officerClient.getPage(saved.headers.get('location')!);
    expect(page.text).toContain('Checklist saved.');
    expect(page.text).toMatch(/value="Safeguarding policy in place" checked/);
    expect(page.text).not.toMatch(/value="References received" checked/);

    const done = await officerClient.postForm(`/staff/applications/${app.id}/appraisal`, {
      action: 'record',
      outcome: 'eligible',
      confirmed: DEFAULT_APPRAISAL_CHECKLIST,
      eligibleNote: '',
      ineligibleReason: 'typed, then another outcome chosen',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/staff/applications/${app.id}?done=eligible`);
    expect(await statusOf(app.id)).toBe('eligible');
    const after = await officerClient.getPage(done.headers.get('location')!);
    expect(after.text).toContain('Marked eligible. The applicant has been emailed.');
    expect(after.text).not.toContain('Record outcome'); // appraised: no form
    expect(await noticesTo(applicant.email, app.reference!)).toEqual([
      expect.objectContaining({ action: 'eligible' }),
    ]);
    // The message is on the page, with the others sent about it.
    expect(after.text).toContain(`Application ${app.reference} is eligible`);
  });

  it('marks not eligible with the reason, and asks for more information, emailing each', async () => {
    const refused = await submitted(diversion);
    const res = await appraise(refused.id, {
      action: 'record',
      outcome: 'ineligible',
      ineligibleReason: 'Your organisation works outside Leicestershire.\n<b>Sorry.</b>',
    });
    expect(res.status).toBe(303);
    expect(await statusOf(refused.id)).toBe('ineligible');
    expect(await noticesTo(applicant.email, refused.reference!)).toEqual([
      expect.objectContaining({
        action: 'ineligible',
        body: 'Your organisation works outside Leicestershire.\n<b>Sorry.</b>',
      }),
    ]);
    const page = await officerClient.getPage(`/staff/applications/${refused.id}`);
    // Shown as text, line breaks kept, markup escaped.
    expect(page.text).toContain(
      'Your organisation works outside Leicestershire.<br />\n&lt;b&gt;Sorry.&lt;/b&gt;',
    );

    const asked = await submitted(diversion);
    const question = await appraise(asked.id, {
      action: 'record',
      outcome: 'more-information',
      question: 'Please send your safeguarding policy.',
    });
    expect(question.headers.get('location')).toBe(
      `/staff/applications/${asked.id}?done=more-information`,
    );
    expect(await statusOf(asked.id)).toBe('more-information');
    expect(await noticesTo(applicant.email, asked.reference!)).toEqual([
      expect.objectContaining({
        action: 'more-information',
        body: 'Please send your safeguarding policy.',
      }),
    ]);

    // An outcome posted from a page that is out of date: said plainly, nothing changed.
    const stale = await officerClient.postForm(`/staff/applications/${asked.id}/appraisal`, {
      action: 'record',
      outcome: 'ineligible',
      ineligibleReason: 'Too late',
    });
    expect(stale.status).toBe(409);
    expect(decode(stale.text)).toContain(
      'This application cannot be appraised now: its status is more information needed.',
    );
    expect(await statusOf(asked.id)).toBe('more-information');
  });

  it('reopens for a correction only with a reason, and emails it', async () => {
    const app = await submitted(diversion);
    const form = await officerClient.getPage(`/staff/applications/${app.id}/reopen`);
    expect(form.status).toBe(200);
    const blank = await officerClient.postForm(`/staff/applications/${app.id}/reopen`, {
      reason: '  ',
    });
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#reason', 'Enter what the applicant needs to correct'],
    ]);
    expect(await statusOf(app.id)).toBe('submitted');

    const reopened = await officerClient.postForm(`/staff/applications/${app.id}/reopen`, {
      reason: 'The budget lines do not match the amount requested.',
    });
    expect(reopened.status).toBe(303);
    expect(reopened.headers.get('location')).toBe(`/staff/applications/${app.id}?done=reopened`);
    expect(await statusOf(app.id)).toBe('returned');
    expect(await noticesTo(applicant.email, app.reference!)).toEqual([
      expect.objectContaining({
        action: 'reopened',
        body: 'The budget lines do not match the amount requested.',
      }),
    ]);
    // Still readable by staff (it has a reference), without the appraisal form or reopen link.
    const page = await officerClient.getPage(reopened.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Reopened for a correction');
    expect(page.text).not.toContain('Record outcome');
    // The reopen page of something no longer submitted goes back to the application.
    const again = await officerClient.getPage(`/staff/applications/${app.id}/reopen`);
    expect(again.status).toBe(303);
  });

  it('exports a round as CSV: a header row, one row per sent application, formulas neutralised', async () => {
    const round = await createOpenRound(ctx, CSF.slug, { code: `CSV${++roundCodes}` });
    const plain = await submitted(round, { projectTitle: 'Boxing club, Saturday mornings' });
    const formula = await submitted(round, {
      projectTitle: '=HYPERLINK("http://evil.example","Click")',
      amountRequestedPence: 1_000_050,
      budgetLines: [{ item: 'Coaching', amountPence: 1_000_050 }],
    });
    await createCompleteDraft(ctx, applicant, organisation.id, round); // not sent: not exported

    const res = await officerClient.get(`/staff/rounds/${round.id}/applications.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="CSF-CSV${roundCodes}-applications.csv"`,
    );
    const rows = parseCsv(res.text.replace(/^\uFEFF/, ''));
    const [header, ...data] = rows;
    expect(header.slice(0, 3)).toEqual(['Reference', 'Status', 'Organisation']);
    expect(data).toHaveLength(2);
    const column = (name: string) => header.indexOf(name);
    expect(data.map((r) => r[column('Reference')])).toEqual([plain.reference, formula.reference]);
    expect(data.map((r) => r[column('Amount requested (GBP)')])).toEqual([
      '15,000.00',
      '10,000.50',
    ]);
    expect(data[1][column('Amount requested (pence)')]).toBe('1000050');
    expect(data[0][column('Project title')]).toBe('Boxing club, Saturday mornings');
    expect(data[1][column('Project title')]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(data[0][column('Organisation')]).toBe('Braunstone Youth Diversion Project');
  });

  it('shows a round’s counts by status and area, linking to the queue and the CSV', async () => {
    const round = await createOpenRound(ctx, CRF.slug, {
      ...pilotInput(),
      code: `B${++roundCodes}`,
      opensAt: new Date(Date.now() - 60_000),
    });
    await submitted(round, inArea(round, 0));
    await submitted(round, inArea(round, 0));
    const refused = await submitted(round, inArea(round, 1));
    await ctx.dataSource.query(`UPDATE applications SET status = 'ineligible' WHERE id = $1`, [
      refused.id,
    ]);
    await createCompleteDraft(ctx, applicant, organisation.id, round, inArea(round, 1));

    const res = await officerClient.getPage(`/staff/rounds/${round.id}/applications`);
    expect(res.status).toBe(200);
    const text = decode(res.text).replace(/\s+/g, ' ');
    expect(text).toContain('3 applications sent; 1 draft still being written.');
    expect(text).toMatch(
      new RegExp(
        `href="/staff/applications\\?round=${round.id}&status=submitted">Submitted</a> </th> <td[^>]*>2</td>`,
      ),
    );
    expect(text).toMatch(/Not eligible<\/a> <\/th> <td[^>]*>1<\/td>/);
    expect(text).toMatch(/>Winterton<\/a> <\/th> <td[^>]*>2<\/td>/);
    expect(text).toMatch(/>Bridlington South<\/a> <\/th> <td[^>]*>1<\/td>/);
    expect(text).toContain(`href="/staff/rounds/${round.id}/applications.csv"`);
    expect(text).toContain('Download applications (CSV)');
  });

  it.each([
    ['an application id that is not an id', '/staff/applications/not-an-id'],
    ['an unknown application', `/staff/applications/${randomUUID()}`],
    ['the reopen page of an unknown application', `/staff/applications/${randomUUID()}/reopen`],
    ['an unknown round', `/staff/rounds/${randomUUID()}/applications`],
    ['a round id that is not an id', '/staff/rounds/DIV/applications'],
    ['the CSV of an unknown round', `/staff/rounds/${randomUUID()}/applications.csv`],
  ])('shows the not-found page for %s', async (_what, path) => {
    const res = await officerClient.getPage(path);
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
  });

  it('does not show staff a draft that was never sent', async () => {
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, diversion);
    expect((await officerClient.getPage(`/staff/applications/${draft.id}`)).status).toBe(404);
    await officerClient.getPage('/staff/applications');
    const post = await officerClient.postForm(`/staff/applications/${randomUUID()}/appraisal`, {
      outcome: 'eligible',
    });
    expect(post.status).toBe(404);
  });

  describe('the round form', () => {
    function roundForm(overrides: Record<string, string | string[]> = {}) {
      return {
        fundSlug: CRF.slug,
        code: `F${++roundCodes}`,
        title: 'Community Response Fund 2024',
        theme: 'Anti-social behaviour',
        description: 'Projects that respond to what residents told us in the consultation.',
        'opensAt-day': '9',
        'opensAt-month': '3',
        'opensAt-year': '2031',
        'opensAt-time': '9am',
        'closesAt-day': '24',
        'closesAt-month': '4',
        'closesAt-year': '2031',
        'closesAt-time': '17:00',
        'budgetContributions-0-sourceName': 'Community Response Fund',
        'budgetContributions-0-amount': '£20,000',
        maxGrant: '£10,000',
        minDurationMonths: '3',
        maxDurationMonths: '12',
        eligibleOrganisationTypes: ['charity', 'town-or-parish-council'],
        'areas-0-name': 'Winterton',
        'areas-0-focusIssue': 'Anti-social behaviour in park areas where young people gather',
        'areas-0-cap': '£10,000',
        decisionMethod: 'public-vote',
        shortlistSize: '3',
        winnersPerArea: '1',
        ...overrides,
      };
    }

    it('offers the default checklist and saves the checklist and the one-per-area rule', async () => {
      const blank = await officerClient.getPage('/staff/rounds/new');
      expect(decode(blank.text)).toContain(DEFAULT_APPRAISAL_CHECKLIST.join('\n'));
      expect(blank.text).toContain('Only one application per organisation for each area');

      const res = await officerClient.postForm(
        '/staff/rounds/new',
        roundForm({
          appraisalChecklist: 'Governing document seen\r\n\r\n  Parish council minutes seen  ',
          oneApplicationPerArea: 'yes',
        }),
      );
      expect(res.status).toBe(303);
      const id = /\/staff\/rounds\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1];
      const round = await ctx.get(RoundsService).get(id, { includeDrafts: true });
      expect(round.appraisalChecklist).toEqual([
        'Governing document seen',
        'Parish council minutes seen',
      ]);
      expect(round.oneApplicationPerArea).toBe(true);

      const summary = await officerClient.getPage(`/staff/rounds/${id}`);
      expect(summary.text).toContain('<li>Parish council minutes seen</li>');
      expect(summary.text).toContain('Only one per organisation for each area');

      const edit = await officerClient.getPage(`/staff/rounds/${id}/edit`);
      expect(edit.text).toContain(
        'Governing document seen\nParish council minutes seen</textarea>',
      );
      expect(edit.text).toMatch(/name="oneApplicationPerArea" type="checkbox" value="yes" checked/);

      // Unticking the box and emptying the checklist are saved too.
      const updated = await officerClient.postForm(
        `/staff/rounds/${id}/edit`,
        roundForm({ code: round.code, appraisalChecklist: '' }),
      );
      expect(updated.status).toBe(303);
      const after = await ctx.get(RoundsService).get(id, { includeDrafts: true });
      expect(after.appraisalChecklist).toEqual([]);
      expect(after.oneApplicationPerArea).toBe(false);
    });

    it('shows checklist problems on the checklist box', async () => {
      await officerClient.getPage('/staff/rounds/new');
      const res = await officerClient.postForm(
        '/staff/rounds/new',
        roundForm({ appraisalChecklist: 'References received\nreferences received' }),
      );
      expect(res.status).toBe(422);
      expect(errorLinks(res.text)).toEqual([
        [
          '#appraisalChecklist',
          'Each checklist item can be listed once: "references received" is listed twice',
        ],
      ]);
    });
  });
});
