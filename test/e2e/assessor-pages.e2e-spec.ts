import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import {
  AssessmentCriterion,
  AssessorAssignment,
  AssignmentsService,
  RubricService,
} from '@grants/assessment';
import { GrantRound } from '@grants/funds';
import { Applicant, StaffUser } from '@grants/identity';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
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
    m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  ]);
}

describe('assessor pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let criteria: AssessmentCriterion[];
  let me: StaffUser;
  let colleague: StaffUser;
  let applications: Application[];
  /** Signed in once each: sign-in posts are rate-limited per address. */
  let mine: HttpClient;
  let theirs: HttpClient;
  let officerClient: HttpClient;
  const officer = { type: 'staff' as const, id: null, label: 'officer@opcc.test' };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    const applicant: Applicant = await createApplicant(ctx);
    const names = [
      'Braunstone Youth Diversion Project',
      'Winterton Boxing Club',
      'Bridlington South Community Trust',
      'Scunthorpe Street Pastors',
      'Goole Youth Forum',
      'Hull Sea Cadets',
    ];
    applications = [];
    for (const [i, name] of names.entries()) {
      const org = await createOrganisation(ctx, applicant, {
        name,
        charityNumber: String(1123456 + i),
      });
      const draft = await createCompleteDraft(ctx, applicant, org.id, round, {
        projectTitle: `Diversion project ${i + 1}`,
      });
      applications.push(await ctx.get(ApplicationsService).submit(applicant, draft.id));
    }
    // The last stays submitted, not eligible: it can never be assigned.
    for (const app of applications.slice(0, 5))
      await ctx
        .get(AppraisalService)
        .appraise(app.id, { confirmed: round.appraisalChecklist, outcome: 'eligible' }, officer);
    criteria = await ctx.get(RubricService).ensure(round.id, officer);
    me = await createStaff(ctx, 'assessor');
    colleague = await createStaff(ctx, 'assessor');
    const assignments = ctx.get(AssignmentsService);
    for (const app of applications.slice(0, 4)) await assignments.assign(app.id, [me.id], officer);
    await assignments.assign(applications[4].id, [colleague.id], officer);
    server = await startServer();
    mine = await signedIn(me);
    theirs = await signedIn(colleague);
    officerClient = await signedIn(await createStaff(ctx, 'grants-officer'));
  }, 180_000);

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

  async function assignmentOf(app: Application, assessor: StaffUser): Promise<AssessorAssignment> {
    return ctx.dataSource
      .getRepository(AssessorAssignment)
      .findOneByOrFail({ applicationId: app.id, assessorId: assessor.id });
  }

  async function declareNoConflict(id: string) {
    await mine.getPage(`/assessments/${id}/declaration`);
    const res = await mine.postForm(`/assessments/${id}/declaration`, { conflict: 'no' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/assessments/${id}`);
  }

  async function savedScores(id: string) {
    const rows: { criterion_id: string; score: number; comment: string }[] =
      await ctx.dataSource.query(
        'SELECT criterion_id, score, comment FROM criterion_scores WHERE assignment_id = $1',
        [id],
      );
    return rows;
  }

  it('lists only my assignments, with the nav item, and no one else’s', async () => {
    const page = await mine.getPage('/assessments');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Your assessments');
    expect(page.text).toContain('href="/assessments"');
    for (const app of applications.slice(0, 4)) expect(page.text).toContain(app.reference!);
    expect(page.text).not.toContain(applications[4].reference!);
    expect(page.text).toContain('Winterton Boxing Club');
    expect(page.text).toContain('Declare interests');
    const other = await theirs.getPage('/assessments');
    expect(other.text).toContain(applications[4].reference!);
    expect(other.text).not.toContain(applications[0].reference!);
  });

  it('will not open another assessor’s assignment, an unknown one, nor a made-up id', async () => {
    const theirAssignment = await assignmentOf(applications[4], colleague);
    for (const path of [
      `/assessments/${theirAssignment.id}`,
      `/assessments/${theirAssignment.id}/declaration`,
      `/assessments/${randomUUID()}`,
      `/assessments/${applications[5].id}`,
      '/assessments/not-an-id/declaration',
    ])
      expect((await mine.getPage(path)).status).toBe(404);
    await mine.getPage('/assessments');
    const post = await mine.postForm(`/assessments/${theirAssignment.id}/declaration`, {
      conflict: 'no',
    });
    expect(post.status).toBe(404);
    expect((await assignmentOf(applications[4], colleague)).status).toBe('awaiting-declaration');
  });

  it('asks for the declaration first, showing only reference, title and organisation', async () => {
    const a = await assignmentOf(applications[0], me);
    const scoring = await mine.getPage(`/assessments/${a.id}`);
    expect(scoring.status).toBe(303);
    expect(scoring.headers.get('location')).toBe(`/assessments/${a.id}/declaration`);
    const page = await mine.getPage(`/assessments/${a.id}/declaration`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Do you have a conflict of interest with Braunstone Youth Diversion Project?',
    );
    expect(page.text).not.toContain('Free coached football'); // the summary, not yet shown
    const none = await mine.postForm(`/assessments/${a.id}/declaration`, {});
    expect(none.status).toBe(422);
    expect(errorLinks(none.text)).toEqual([
      [
        '#conflict',
        'Select yes if you have a conflict of interest with Braunstone Youth Diversion Project',
      ],
    ]);
    const noNote = await mine.postForm(`/assessments/${a.id}/declaration`, {
      conflict: 'yes',
      note: '  ',
    });
    expect(noNote.status).toBe(422);
    expect(errorLinks(noNote.text)).toEqual([
      ['#note', 'Say what the conflict of interest is (it is recorded)'],
    ]);
    const long = await mine.postForm(`/assessments/${a.id}/declaration`, {
      conflict: 'yes',
      note: 'x'.repeat(2001),
    });
    expect(long.status).toBe(422);
    expect(errorLinks(long.text)[0][0]).toBe('#note');
    expect(long.text).toContain('x'.repeat(2001));
    await declareNoConflict(a.id);
    // Declared: the declaration page goes on to scoring.
    expect((await mine.getPage(`/assessments/${a.id}/declaration`)).headers.get('location')).toBe(
      `/assessments/${a.id}`,
    );
  });

  it('takes a declared conflict off the list for good', async () => {
    const a = await assignmentOf(applications[1], me);
    await mine.getPage(`/assessments/${a.id}/declaration`);
    const res = await mine.postForm(`/assessments/${a.id}/declaration`, {
      conflict: 'yes',
      note: 'I coach at Winterton Boxing Club on Tuesdays',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/assessments?done=conflict');
    const list = await mine.getPage('/assessments?done=conflict');
    expect(list.text).toContain(
      'Conflict recorded. The grants officer will reassign this application.',
    );
    expect(list.text).toContain('Conflict declared');
    expect(list.text).not.toContain(`href="/assessments/${a.id}`);
    expect((await mine.getPage(`/assessments/${a.id}`)).status).toBe(404);
    expect((await mine.getPage(`/assessments/${a.id}/declaration`)).status).toBe(404);
    const stored = await assignmentOf(applications[1], me);
    expect(stored.status).toBe('conflict');
    expect(stored.conflictNote).toBe('I coach at Winterton Boxing Club on Tuesdays');
  });

  it('saves partial scores, keeps blanks as they were, and refuses bad input with messages', async () => {
    const a = await assignmentOf(applications[0], me);
    const page = await mine.getPage(`/assessments/${a.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Free coached football on Friday evenings'); // the answers
    for (const c of criteria) expect(page.text).toContain(`id="score-${c.id}"`);
    expect(page.text).toContain('0 to 5');
    const [need, delivery, outcomes] = criteria;
    const saved = await mine.postForm(`/assessments/${a.id}`, {
      action: 'save',
      [`score-${need.id}`]: '4',
      [`comment-${need.id}`]: 'Clear evidence of need in Braunstone',
      [`score-${delivery.id}`]: '3',
      [`comment-${delivery.id}`]: '',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/assessments/${a.id}?done=saved`);
    const back = await mine.getPage(`/assessments/${a.id}?done=saved`);
    expect(back.text).toContain('Your scores have been saved.');
    expect(back.text).toContain('Clear evidence of need in Braunstone');
    expect((await savedScores(a.id)).length).toBe(2);

    const bad: [Record<string, string>, string, string][] = [
      [{ [`score-${outcomes.id}`]: '6' }, `#score-${outcomes.id}`, 'from 0 to 5'],
      [{ [`score-${outcomes.id}`]: '-1' }, `#score-${outcomes.id}`, 'from 0 to 5'],
      [{ [`score-${outcomes.id}`]: '2.5' }, `#score-${outcomes.id}`, 'from 0 to 5'],
      [{ [`score-${outcomes.id}`]: 'four' }, `#score-${outcomes.id}`, 'from 0 to 5'],
      [
        { [`comment-${outcomes.id}`]: 'Good outcomes' },
        `#score-${outcomes.id}`,
        'to save your comment',
      ],
      [
        { [`score-${outcomes.id}`]: '3', [`comment-${outcomes.id}`]: 'y'.repeat(3001) },
        `#comment-${outcomes.id}`,
        '3000 characters or fewer',
      ],
      [{ [`score-${randomUUID()}`]: '3' }, `#score-${need.id}`, 'only the criteria of this round'],
      [{ 'score-nonsense': '3' }, `#score-${need.id}`, 'only the criteria of this round'],
    ];
    for (const [form, href, words] of bad) {
      const res = await mine.postForm(`/assessments/${a.id}`, { action: 'save', ...form });
      expect(res.status).toBe(422);
      const links = errorLinks(res.text);
      expect(links[0][0]).toBe(href);
      expect(links[0][1]).toContain(words);
      // What was typed is kept.
      const typed = form[`score-${outcomes.id}`];
      if (typed) expect(res.text).toContain(`value="${typed}"`);
    }
    expect((await savedScores(a.id)).map((s) => s.score).sort()).toEqual([3, 4]);
  });

  it('refuses to submit with a comment missing, then submits and locks', async () => {
    const a = await assignmentOf(applications[0], me);
    await mine.getPage(`/assessments/${a.id}`);
    const form: Record<string, string> = { action: 'submit' };
    for (const c of criteria) {
      form[`score-${c.id}`] = '4';
      form[`comment-${c.id}`] = `Strong on ${c.title.toLowerCase()}`;
    }
    const missing = await mine.postForm(`/assessments/${a.id}`, {
      ...form,
      [`comment-${criteria[1].id}`]: '',
    });
    expect(missing.status).toBe(422);
    expect(errorLinks(missing.text)).toEqual([
      [`#comment-${criteria[1].id}`, expect.stringContaining('say why in a comment')],
    ]);
    expect((await assignmentOf(applications[0], me)).status).toBe('accepted');

    const done = await mine.postForm(`/assessments/${a.id}`, form);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/assessments?done=submitted');
    const list = await mine.getPage('/assessments?done=submitted');
    expect(list.text).toContain('Scores submitted');
    const readOnly = await mine.getPage(`/assessments/${a.id}`);
    expect(readOnly.text).toMatch(/Submitted on \d{1,2} \w+ \d{4} at /);
    expect(readOnly.text).not.toContain(`name="score-${criteria[0].id}"`);
    expect(readOnly.text).toContain('4 out of 5');

    const before = await savedScores(a.id);
    const later = await mine.postForm(`/assessments/${a.id}`, {
      ...form,
      action: 'save',
      [`score-${criteria[0].id}`]: '1',
    });
    expect(later.status).toBe(409);
    expect(later.text).toContain('These scores have been submitted and are locked');
    expect(await savedScores(a.id)).toEqual(before);
  });

  it('keeps grants officers, applicants and visitors out', async () => {
    const a = await assignmentOf(applications[2], me);
    for (const path of ['/assessments', `/assessments/${a.id}`, `/assessments/${a.id}/declaration`])
      expect((await officerClient.getPage(path)).status).toBe(403);
    const visitor = new HttpClient(server.baseUrl);
    const res = await visitor.getPage('/assessments');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/sign-in?next=%2Fassessments');
    // An applicant's session is not a staff one.
    const applicant = new HttpClient(server.baseUrl);
    const signIn = await applicant.getPage('/sign-in');
    expect(signIn.status).toBe(200);
    expect((await applicant.getPage('/assessments')).status).toBe(303);
  });
});
