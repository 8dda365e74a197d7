import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import {
  AssessmentCriterion,
  AssignmentsService,
  RubricService,
  ScoringService,
} from '@grants/assessment';
import { StaffRole, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser, staffActor, StaffUsersService } from '@grants/identity';
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
import { TEST_PASSWORD } from '../factories/staff.factory';
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
    m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  ]);
}

/** A blank rubric form, with the given rows filled in. */
function rubricForm(rows: Record<number, [string, string, string, string]>) {
  const form: Record<string, string> = {};
  for (let i = 0; i < 8; i += 1) {
    const [title, guidance, maxScore, weight] = rows[i] ?? ['', '', '', ''];
    Object.assign(form, {
      [`criteria-${i}-title`]: title,
      [`criteria-${i}-guidance`]: guidance,
      [`criteria-${i}-maxScore`]: maxScore,
      [`criteria-${i}-weight`]: weight,
    });
  }
  return form;
}

describe('staff assessment pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let diversion: GrantRound;
  let pilot: GrantRound;
  let apps: Application[];
  let assessors: StaffUser[];
  let criteria: AssessmentCriterion[];
  let officerClient: HttpClient;
  let commissionerClient: HttpClient;
  let assessorClient: HttpClient;
  let base: string;

  async function staff(role: StaffRole, displayName: string) {
    return ctx.get(StaffUsersService).create(
      {
        email: `${displayName.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@opcc.test`,
        displayName,
        roles: [role],
        password: TEST_PASSWORD,
      },
      SYSTEM_ACTOR,
    );
  }

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

  async function assignmentsOf(app: Application) {
    return ctx.get(AssignmentsService).forApplication(app.id);
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    await createFund(ctx, CRF);
    const officer = await staff('grants-officer', 'Olivia Officer');
    const commissioner = await staff('decision-maker', 'Rupert Matthews');
    assessors = [
      await staff('assessor', 'Aisha Patel'),
      await staff('assessor', 'Ben Carter'),
      await staff('assessor', 'Chloe Davies'),
    ];
    const applicant = await createApplicant(ctx, 'sam@braunstone-youth.org.uk');
    const organisation = await createOrganisation(ctx, applicant);
    diversion = await createOpenRound(ctx, CSF.slug, { code: 'DIV' });
    pilot = await createOpenRound(ctx, CRF.slug, {
      ...pilotInput(),
      opensAt: new Date(Date.now() - 60_000),
    });
    apps = [];
    for (const title of [
      'Boxing club, Saturday mornings',
      'Detached youth work in Braunstone',
      'Mentoring for young people at risk',
      'Street sport in Beaumont Leys',
    ]) {
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, diversion, {
        projectTitle: title,
      });
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      apps.push(
        await ctx
          .get(AppraisalService)
          .appraise(
            draft.id,
            { confirmed: diversion.appraisalChecklist, outcome: 'eligible' },
            SYSTEM_ACTOR,
          ),
      );
    }
    base = `/staff/rounds/${diversion.id}/assessment`;
    server = await startServer();
    officerClient = await signedIn(officer);
    commissionerClient = await signedIn(commissioner);
    assessorClient = await signedIn(assessors[0]);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('offers the standard criteria or a form, and says what is wrong with a rubric', async () => {
    const hub = await officerClient.getPage(base);
    expect(hub.status).toBe(200);
    expect(hub.text).toContain('Use the standard criteria');

    expect((await officerClient.getPage(`${base}/rubric`)).status).toBe(200);
    const weights = await officerClient.postForm(
      `${base}/rubric`,
      rubricForm({ 0: ['Need and evidence', 'Is the need clear?', '5', '90'] }),
    );
    expect(weights.status).toBe(422);
    expect(errorLinks(weights.text)).toEqual([
      ['#criteria', 'The weights add up to 90%: they must add up to 100%'],
    ]);
    expect(weights.text).toContain('they add up to 90%');

    // A blank row in between is skipped, yet the errors point at the rows as typed.
    const fields = await officerClient.postForm(
      `${base}/rubric`,
      rubricForm({
        0: ['Need and evidence', '', 'five', '50'],
        2: ['Need and evidence', '', '5', '50%'],
      }),
    );
    expect(fields.status).toBe(422);
    expect(errorLinks(fields.text)).toEqual([
      [
        '#criteria-0-maxScore',
        'The maximum score of criterion 1 must be a whole number from 1 to 100',
      ],
      ['#criteria-2-title', 'Need and evidence is listed twice'],
    ]);
    expect(fields.text).toContain('value="five"');

    const saved = await officerClient.postForm(
      `${base}/rubric`,
      rubricForm({
        0: ['Need and evidence', 'Is the need clear, local and backed by evidence?', '5', '60'],
        3: ['Delivery plan', 'Is the plan realistic?', '5', '40%'],
      }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${base}?done=rubric`);
    criteria = await ctx.get(RubricService).criteria(diversion.id);
    expect(criteria.map((c) => [c.title, c.maxScore, c.weight])).toEqual([
      ['Need and evidence', 5, 60],
      ['Delivery plan', 5, 40],
    ]);
    const after = await officerClient.getPage(`${base}?done=rubric`);
    expect(after.text).toContain('Scoring criteria saved.');
    expect(after.text).toContain('Is the plan realistic?');
    expect(after.text).toContain('Change the scoring criteria');
  });

  it('spreads assessors evenly, which freezes the rubric', async () => {
    const page = await officerClient.getPage(`${base}/assignments`);
    expect(page.status).toBe(200);
    for (const a of assessors) expect(page.text).toContain(`value="${a.id}"`);

    const none = await officerClient.postForm(`${base}/assignments/spread`, {
      perApplication: '2',
    });
    expect(none.status).toBe(422);
    expect(errorLinks(none.text)).toEqual([
      ['#assessorIds', 'Choose the assessors to share the applications between'],
    ]);
    const tooMany = await officerClient.postForm(`${base}/assignments/spread`, {
      perApplication: '3',
      assessorIds: [assessors[0].id, assessors[1].id],
    });
    expect(tooMany.status).toBe(422);
    expect(errorLinks(tooMany.text)[0][0]).toBe('#perApplication');
    const notNumber = await officerClient.postForm(`${base}/assignments/spread`, {
      perApplication: 'two',
      assessorIds: [assessors[0].id],
    });
    expect(errorLinks(notNumber.text)).toEqual([
      ['#perApplication', 'Enter a whole number of assessors, like 2'],
    ]);
    const stranger = await officerClient.postForm(`${base}/assignments/spread`, {
      perApplication: '1',
      assessorIds: [randomUUID()],
    });
    expect(stranger.status).toBe(422);
    expect(errorLinks(stranger.text)[0][0]).toBe('#assessorIds');

    const spread = await officerClient.postForm(`${base}/assignments/spread`, {
      perApplication: '2',
      assessorIds: assessors.map((a) => a.id),
    });
    expect(spread.status).toBe(303);
    expect(spread.headers.get('location')).toBe(`${base}/assignments?done=spread&made=8`);
    for (const app of apps) expect(await assignmentsOf(app)).toHaveLength(2);
    const done = await officerClient.getPage(`${base}/assignments?done=spread&made=8`);
    expect(done.text).toContain('8 assignments made.');

    const hub = await officerClient.getPage(base);
    expect(hub.text).toMatch(
      /Frozen since \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm), when the first assessor/,
    );
    expect(hub.text).not.toContain('Change the scoring criteria');
    const form = await officerClient.getPage(`${base}/rubric`);
    expect(form.text).toContain('cannot change once scoring has started');
    expect(form.text).not.toContain('Save criteria');
    const refused = await officerClient.postForm(
      `${base}/rubric`,
      rubricForm({ 0: ['Need and evidence', '', '5', '100'] }),
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('its criteria can no longer change');
  });

  it('assigns one assessor by hand, and shows a declared conflict as needing reassigning', async () => {
    const app = apps[3];
    const missing = (await assignmentsOf(app)).map((a) => a.assessorId);
    const free = assessors.find((a) => !missing.includes(a.id))!;
    await officerClient.getPage(`${base}/assignments`);
    const empty = await officerClient.postForm(`${base}/assignments/assign`, {
      applicationId: app.id,
      assessorId: '',
    });
    expect(empty.status).toBe(422);
    expect(errorLinks(empty.text)).toEqual([
      [`#assign-${app.id}`, `Choose an assessor for ${app.reference}`],
    ]);
    const unknown = await officerClient.postForm(`${base}/assignments/assign`, {
      applicationId: randomUUID(),
      assessorId: free.id,
    });
    expect(unknown.status).toBe(404);
    const done = await officerClient.postForm(`${base}/assignments/assign`, {
      applicationId: app.id,
      assessorId: free.id,
    });
    expect(done.status).toBe(303);
    const mine = (await assignmentsOf(app)).find((a) => a.assessorId === free.id)!;
    expect(mine.status).toBe('awaiting-declaration');

    await ctx
      .get(AssignmentsService)
      .declare(mine.id, free, { conflict: true, note: 'I chair its trustees' }, staffActor(free));
    const page = await officerClient.getPage(`${base}/assignments`);
    expect(page.text).toContain('Needs reassigning: “I chair its trustees”');
    expect(page.text).toContain('1 application has an assessor who declared a conflict');
  });

  it('ranks the scores with their bands, flags one for moderation, and exports them', async () => {
    const scoring = ctx.get(ScoringService);
    // Per application, the two assessors' scores (out of 5 on every criterion).
    const plan: [number, number][] = [
      [4, 4], // 80%: recommend
      [5, 0], // 50%, 100 points apart: not recommended, needs moderation
      [3, 3], // 60%: reserve
    ];
    for (const [i, scores] of plan.entries()) {
      const active = (await assignmentsOf(apps[i])).filter((a) => a.status !== 'conflict');
      for (const [k, assignment] of active.entries()) {
        const assessor = assessors.find((a) => a.id === assignment.assessorId)!;
        const actor = staffActor(assessor);
        await ctx
          .get(AssignmentsService)
          .declare(assignment.id, assessor, { conflict: false }, actor);
        await scoring.save(
          assignment.id,
          assessor,
          criteria.map((c) => ({ criterionId: c.id, score: scores[k], comment: 'Scored' })),
          actor,
        );
        await scoring.submit(assignment.id, assessor, actor);
      }
    }
    const page = await officerClient.getPage(`${base}/scores`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 recommend · 1 reserve · 1 not recommended');
    expect(page.text).toContain('<svg role="img"');
    const rows = [...page.text.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) => m[1])
      .filter((r) => r.includes('/staff/applications/'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(apps[0].reference!);
    expect(rows[0]).toContain('80.00%');
    expect(rows[0]).toContain('Recommend');
    expect(rows[1]).toContain(apps[2].reference!);
    expect(rows[1]).toContain('Reserve');
    expect(rows[2]).toContain(apps[1].reference!);
    expect(rows[2]).toContain('50.00%');
    expect(rows[2]).toContain('Needs moderation');
    expect(rows.filter((r) => r.includes('Needs moderation'))).toHaveLength(1);
    expect(page.text).toContain('Not yet scored');

    const csv = await officerClient.get(`${base}/scores.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="CSF-DIV-scores.csv"',
    );
    const lines = csv.text.replace('\uFEFF', '').trim().split('\n');
    expect(lines[0]).toBe(
      'Rank,Reference,Organisation,Project,Amount requested,Assessors submitted,Score (%),Band,Needs moderation',
    );
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain(`3,${apps[1].reference},`);
    expect(lines[3]).toMatch(/,2,50\.00,Not recommended,Yes$/);
    expect(lines[4]).toMatch(/^,.*,0,,Not yet scored,No$/);
  });

  it('reopens submitted scores only with a reason', async () => {
    const [assignment] = (await assignmentsOf(apps[0])).filter((a) => a.status === 'submitted');
    const page = await officerClient.getPage(`${base}/assignments`);
    expect(page.text).toContain(`${base}/assignments/${assignment.id}/reopen`);
    const form = await officerClient.getPage(`${base}/assignments/${assignment.id}/reopen`);
    expect(form.status).toBe(200);
    const empty = await officerClient.postForm(`${base}/assignments/${assignment.id}/reopen`, {
      reason: '  ',
    });
    expect(empty.status).toBe(422);
    expect(errorLinks(empty.text)).toEqual([
      ['#reason', 'Enter why the scores are being reopened'],
    ]);
    const done = await officerClient.postForm(`${base}/assignments/${assignment.id}/reopen`, {
      reason: 'Scored against the wrong criteria',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${base}/assignments?done=reopened`);
    const now = (await assignmentsOf(apps[0])).find((a) => a.id === assignment.id)!;
    expect(now.status).toBe('accepted');
    // Not submitted any more: nothing to reopen, back to the list.
    const again = await officerClient.getPage(`${base}/assignments/${assignment.id}/reopen`);
    expect(again.status).toBe(303);
    expect((await officerClient.getPage(`${base}/assignments/not-an-id/reopen`)).status).toBe(404);
  });

  it('refuses assessors everywhere; a decision maker reads but does not change', async () => {
    const [submitted] = (await assignmentsOf(apps[2])).filter((a) => a.status === 'submitted');
    const pages = [
      base,
      `${base}/rubric`,
      `${base}/assignments`,
      `${base}/assignments/${submitted.id}/reopen`,
      `${base}/scores`,
      `${base}/scores.csv`,
    ];
    for (const path of pages) expect((await assessorClient.getPage(path)).status).toBe(403);
    await assessorClient.getPage('/staff/rounds');
    for (const path of [
      `${base}/rubric`,
      `${base}/rubric/standard`,
      `${base}/assignments/spread`,
      `${base}/assignments/assign`,
      `${base}/assignments/${submitted.id}/reopen`,
    ])
      expect((await assessorClient.postForm(path, { reason: 'x' })).status).toBe(403);

    for (const path of [base, `${base}/assignments`, `${base}/scores`, `${base}/scores.csv`])
      expect((await commissionerClient.getPage(path)).status).toBe(200);
    const readOnly = await commissionerClient.getPage(`${base}/assignments`);
    expect(readOnly.text).not.toContain('Assign assessors');
    expect(readOnly.text).not.toContain('/reopen"');
    expect((await commissionerClient.getPage(`${base}/rubric`)).status).toBe(403);
    const post = await commissionerClient.postForm(`${base}/assignments/spread`, {
      perApplication: '1',
      assessorIds: [assessors[0].id],
    });
    expect(post.status).toBe(403);
    expect(
      (
        await commissionerClient.postForm(`${base}/assignments/${submitted.id}/reopen`, {
          reason: 'Because',
        })
      ).status,
    ).toBe(403);
    expect((await assignmentsOf(apps[2])).filter((a) => a.status === 'submitted')).toHaveLength(2);
  });

  it('sets the standard criteria in one click, once', async () => {
    const round = await createOpenRound(ctx, CSF.slug, {
      code: 'STD',
      title: 'Children and Young People',
    });
    const hub = `/staff/rounds/${round.id}/assessment`;
    expect((await officerClient.getPage(hub)).text).toContain('Use the standard criteria');
    const done = await officerClient.postForm(`${hub}/rubric/standard`, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${hub}?done=standard`);
    const page = await officerClient.getPage(`${hub}?done=standard`);
    expect(page.text).toContain('Links to the Police and Crime Plan');
    expect(page.text).not.toContain('Use the standard criteria');
    expect((await officerClient.postForm(`${hub}/rubric/standard`, {})).status).toBe(303);
    const criteria = await ctx.get(RubricService).criteria(round.id);
    expect(criteria.map((c) => c.weight)).toEqual([25, 25, 20, 15, 15]);
  });

  it('has no assessment for a public-vote round, nor for a round that is not there', async () => {
    const vote = await officerClient.getPage(`/staff/rounds/${pilot.id}/assessment`);
    expect(vote.status).toBe(404);
    expect(vote.text).toContain('decided by a public vote');
    expect(
      (await officerClient.getPage(`/staff/rounds/${pilot.id}/assessment/scores`)).status,
    ).toBe(404);
    expect((await officerClient.getPage('/staff/rounds/nope/assessment')).status).toBe(404);
    expect(
      (await officerClient.getPage(`/staff/rounds/${randomUUID()}/assessment/assignments`)).status,
    ).toBe(404);
  });

  it('links the assessment from the summary of a closed scored round', async () => {
    expect((await officerClient.getPage(`/staff/rounds/${diversion.id}`)).text).not.toContain(
      `href="${base}"`,
    );
    await ctx.dataSource.query(`UPDATE grant_rounds SET status = 'closed' WHERE id = $1`, [
      diversion.id,
    ]);
    expect((await officerClient.getPage(`/staff/rounds/${diversion.id}`)).text).toContain(
      `href="${base}">Assessment</a>`,
    );
  });
});
