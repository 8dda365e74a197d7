import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { AssignmentsService, RubricService, ScoringService } from '@grants/assessment';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { StaffUser, staffActor } from '@grants/identity';
import { jest } from '@jest/globals';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

/** The error summary as plain text (problems without a field have no link). */
function summaryText(html: string): string {
  const summary = /<div class="govuk-error-summary__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return summary
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Each criterion scored the same by one assessor: 4 of 5 is 80%, 3 is 60%, and so on. */
const PLAN: [number, number][] = [
  [4, 4], // 80%
  [4, 4], // 80%
  [4, 4], // 80%
  [3, 3], // 60%: reserve
  [5, 0], // 50%, assessors 100 points apart: flagged
  [2, 2], // 40%
];

const TITLES = [
  'Boxing club, Saturday mornings',
  'Detached youth work in Winterton',
  'Mentoring for young people at risk',
  'Street sport in Bridlington South',
  'Knife crime workshops in schools',
  'Friday night football in Braunstone',
];

describe('moderation and the recommendation: pages and API over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let assessors: StaffUser[];
  let pages: { round: GrantRound; apps: Application[] };
  let api: { round: GrantRound; apps: Application[] };
  let officerPages: HttpClient;
  let deciderPages: HttpClient;
  let assessorPages: HttpClient;

  /** A scored round of six £15,000 applications against £50,000: three fit at 70%. */
  async function scoredRound(code: string, title: string) {
    const round = await createOpenRound(ctx, CSF.slug, {
      code,
      title,
      budgetContributions: [{ sourceName: "Commissioner's Safety Fund", amountPence: 5_000_000 }],
    });
    const applicant = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, applicant);
    const criteria = await ctx.get(RubricService).ensure(round.id, SYSTEM_ACTOR);
    const apps: Application[] = [];
    for (const [i, projectTitle] of TITLES.entries()) {
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, {
        projectTitle,
      });
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      const app = await ctx
        .get(AppraisalService)
        .appraise(
          draft.id,
          { confirmed: round.appraisalChecklist, outcome: 'eligible' },
          SYSTEM_ACTOR,
        );
      apps.push(app);
      const made = await ctx.get(AssignmentsService).assign(
        app.id,
        assessors.map((a) => a.id),
        SYSTEM_ACTOR,
      );
      for (const [k, assignment] of made.entries()) {
        const assessor = assessors.find((a) => a.id === assignment.assessorId)!;
        const actor = staffActor(assessor);
        const score = PLAN[i][k];
        await ctx
          .get(AssignmentsService)
          .declare(assignment.id, assessor, { conflict: false }, actor);
        await ctx.get(ScoringService).save(
          assignment.id,
          assessor,
          criteria.map((c) => ({ criterionId: c.id, score, comment: `Scored ${score}` })),
          actor,
        );
        await ctx.get(ScoringService).submit(assignment.id, assessor, actor);
      }
    }
    return { round, apps };
  }

  const signedIn = (user: StaffUser) => signedInStaff(server.baseUrl, user);

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    assessors = [await createStaff(ctx, 'assessor'), await createStaff(ctx, 'assessor')];
    pages = await scoredRound('DIV', 'Diversion from ASB and Crime');
    api = await scoredRound('YTH', 'Youth Diversion');
    server = await startServer();
    officerPages = await signedIn(await createStaff(ctx, 'grants-officer'));
    deciderPages = await signedIn(await createStaff(ctx, 'decision-maker'));
    assessorPages = await signedIn(assessors[0]);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  describe('pages', () => {
    const base = () => `/staff/rounds/${pages.round.id}/assessment`;

    it('moderates a flagged score: errors on the fields, then the flag is resolved', async () => {
      const flagged = pages.apps[4];
      const hub = await officerPages.getPage(base());
      expect(hub.text).toContain(`${base()}/moderation"`);
      expect(hub.text).toContain(`${base()}/recommendation"`);
      expect((await officerPages.getPage(`${base()}/scores`)).text).toContain('Needs moderation');

      const list = await officerPages.getPage(`${base()}/moderation`);
      expect(list.status).toBe(200);
      const needs = /<table class="govuk-table" id="needs-moderation">[\s\S]*?<\/table>/.exec(
        list.text,
      )?.[0];
      expect(needs).toContain(flagged.reference!);
      expect(needs).toContain('50.00%');
      expect(needs).toContain('100 points');

      const formPath = `${base()}/moderation/${flagged.id}`;
      expect((await officerPages.getPage(formPath)).status).toBe(200);
      const bad = await officerPages.postForm(formPath, { agreedScore: 'sixty', note: ' ' });
      expect(bad.status).toBe(422);
      expect(errorLinks(bad.text)).toEqual([
        [
          '#agreedScore',
          'Enter the agreed score as a percentage from 0 to 100, with at most two decimals, like 65.5',
        ],
        ['#note', 'Enter a note: how the assessors’ scores were resolved'],
      ]);
      expect(bad.text).toContain('value="sixty"');

      const ok = await officerPages.postForm(formPath, {
        agreedScore: '55.5',
        note: 'Panel agreed the need is real but the delivery plan is thin.',
      });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe(`${base()}/moderation?done=moderated`);
      const after = await officerPages.getPage(`${base()}/moderation?done=moderated`);
      expect(after.text).toContain('No applications need moderation.');
      const resolved = /<table class="govuk-table" id="resolved">[\s\S]*?<\/table>/.exec(
        after.text,
      )?.[0];
      expect(resolved).toContain('55.50%');
      expect(resolved).toContain('Panel agreed the need is real');
      const scoresPage = (await officerPages.getPage(`${base()}/scores`)).text;
      expect(scoresPage).not.toContain('Needs moderation');
      expect(scoresPage).toContain('Moderated');
      // An application of another round is not there.
      expect((await officerPages.getPage(`${base()}/moderation/${api.apps[4].id}`)).status).toBe(
        404,
      );
    });

    it('changes the threshold only with a reason', async () => {
      const page = await officerPages.getPage(`${base()}/recommendation`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Applications scoring 70% or more are recommended.');
      expect(page.text).toContain('3 applications, £45,000.00');

      const missing = await officerPages.postForm(`${base()}/recommendation/threshold`, {
        threshold: '75',
        reason: '',
      });
      expect(missing.status).toBe(422);
      expect(errorLinks(missing.text)).toEqual([
        ['#reason', 'Enter why the threshold changes (for example, the volume of applications)'],
      ]);
      const badNumber = await officerPages.postForm(`${base()}/recommendation/threshold`, {
        threshold: '101',
        reason: 'Volume of applications',
      });
      expect(badNumber.status).toBe(422);
      expect(errorLinks(badNumber.text).map(([href]) => href)).toEqual(['#threshold']);

      const ok = await officerPages.postForm(`${base()}/recommendation/threshold`, {
        threshold: '75',
        reason: 'Volume of applications',
      });
      expect(ok.status).toBe(303);
      const after = await officerPages.getPage(`${base()}/recommendation?done=threshold`);
      expect(after.text).toContain('Threshold changed.');
      expect(after.text).toContain(
        'Applications scoring 75% or more are recommended (the round’s threshold is 70%).',
      );
      expect(after.text).toContain('Reason for the change: Volume of applications');
      expect(after.text).toContain('3 applications, £45,000.00');
    });

    it('moves applications in and out with a reason, and refuses to send over budget', async () => {
      const reserve = pages.apps[3];
      const path = `${base()}/recommendation/overrides/${reserve.id}`;
      const noReason = await officerPages.postForm(path, { action: 'in', reason: '' });
      expect(noReason.status).toBe(422);
      expect(errorLinks(noReason.text)).toEqual([
        [`#reason-${reserve.id}`, 'Enter why this application moves into the recommendation'],
      ]);

      const moved = await officerPages.postForm(path, {
        action: 'in',
        reason: 'Only project in Bridlington South',
      });
      expect(moved.status).toBe(303);
      const over = await officerPages.getPage(`${base()}/recommendation?done=moved`);
      expect(over.text).toContain('4 applications, £60,000.00');
      expect(over.text).toContain('-£10,000.00 (over budget)');
      expect(over.text).toContain('Over budget from here');
      expect(over.text).toContain('Moved in: Only project in Bridlington South');

      const refused = await officerPages.postForm(`${base()}/recommendation/submit`, {});
      expect(refused.status).toBe(422);
      expect(summaryText(refused.text)).toContain(
        'The recommendation is £10,000.00 over the money available (£50,000.00)',
      );

      const out = await officerPages.postForm(
        `${base()}/recommendation/overrides/${pages.apps[1].id}`,
        { action: 'out', reason: 'Duplicates a project already funded by the council' },
      );
      expect(out.status).toBe(303);
      const fits = await officerPages.getPage(`${base()}/recommendation`);
      expect(fits.text).toContain('3 applications, £45,000.00');
      expect(fits.text).not.toContain('Over budget from here');
      expect(fits.text).toContain('Moved out: Duplicates a project');

      // Undo needs no reason: the reserve application goes back to what its score says.
      const undo = await officerPages.postForm(path, { action: 'undo' });
      expect(undo.status).toBe(303);
      const undone = await officerPages.getPage(`${base()}/recommendation`);
      expect(undone.text).toContain('2 applications, £30,000.00');
      expect(undone.text).not.toContain('Moved in: Only project in Bridlington South');
    });

    it('lets a decision maker read but not change, and keeps assessors out', async () => {
      const read = await deciderPages.getPage(`${base()}/recommendation`);
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('Send to the decision maker</button>');
      expect((await deciderPages.getPage(`${base()}/moderation`)).status).toBe(200);
      // A form posted by someone who may not change it: refused whatever the token.
      deciderPages.csrfToken = officerPages.csrfToken;
      const post = await deciderPages.postForm(`${base()}/recommendation/submit`, {});
      expect(post.status).toBe(403);
      expect(
        (
          await deciderPages.postForm(`${base()}/moderation/${pages.apps[4].id}`, {
            agreedScore: '',
            note: 'Not mine to decide',
          })
        ).status,
      ).toBe(403);
      expect((await assessorPages.getPage(`${base()}/recommendation`)).status).toBe(403);
      expect((await assessorPages.getPage(`${base()}/moderation`)).status).toBe(403);
    });

    it('sends it when it fits, then shows it read-only and refuses changes', async () => {
      await officerPages.getPage(`${base()}/recommendation`);
      const sent = await officerPages.postForm(`${base()}/recommendation/submit`, {});
      expect(sent.status).toBe(303);
      const page = await officerPages.getPage(`${base()}/recommendation?done=submitted`);
      expect(page.text).toMatch(/Sent to the decision maker on [^<]*\d/);
      expect(page.text).not.toContain('Change the threshold</button>');
      expect(page.text).not.toContain('Move in');
      const again = await officerPages.postForm(`${base()}/recommendation/threshold`, {
        threshold: '70',
        reason: 'Back to the round’s threshold',
      });
      expect(again.status).toBe(409);
      expect(summaryText(again.text)).toContain(
        'The recommendation has gone to the decision maker',
      );
      expect((await officerPages.postForm(`${base()}/recommendation/submit`, {})).status).toBe(409);
    });
  });

  describe('API', () => {
    let officer: HttpClient;
    let decider: HttpClient;
    let finance: HttpClient;
    let assessor: HttpClient;
    const path = () => `/api/v1/staff/rounds/${api.round.id}/recommendation`;

    beforeAll(async () => {
      const client = async (user: StaffUser) =>
        new HttpClient(server.baseUrl).withBearer(await bearerFor(server.baseUrl, user.email));
      officer = await client(await createStaff(ctx, 'admin'));
      decider = await client(await createStaff(ctx, 'decision-maker'));
      finance = await client(await createStaff(ctx, 'finance'));
      assessor = await client(assessors[1]);
    });

    it('reads the recommendation for the office, not assessors', async () => {
      const res = await finance.get(path());
      expect(res.status).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        status: 'draft',
        thresholdBp: 7000,
        roundThresholdBp: 7000,
        budgetPence: 5_000_000,
        recommendedCount: 3,
        recommendedPence: 4_500_000,
        remainingPence: 500_000,
      });
      expect(body.rows).toHaveLength(6);
      expect(body.rows[0]).not.toHaveProperty('score');
      expect((await assessor.get(path())).status).toBe(403);
      expect((await officer.get(`/api/v1/staff/rounds/not-a-round/recommendation`)).status).toBe(
        404,
      );
    });

    it('moderates with a note and an agreed score of at most two decimals', async () => {
      const url = `/api/v1/staff/applications/${api.apps[4].id}/moderation`;
      const blank = await officer.post(url, { note: ' ' });
      expect(blank.status).toBe(422);
      expect(blank.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'note' }],
      });
      expect(
        (await officer.post(url, { agreedScorePercent: 65.555, note: 'Panel view' })).status,
      ).toBe(422);
      expect((await decider.post(url, { note: 'Panel view' })).status).toBe(403);
      const ok = await officer.post(url, {
        agreedScorePercent: 65.5,
        note: 'Panel agreed the delivery plan is sound.',
      });
      expect(ok.status).toBe(200);
      expect(ok.json()).toMatchObject({ agreedScoreBp: 6550 });
      const scores = (await finance.get(`/api/v1/staff/rounds/${api.round.id}/scores`)).json();
      const moderated = scores.applications.find(
        (a: { applicationId: string }) => a.applicationId === api.apps[4].id,
      );
      expect(moderated).toMatchObject({ needsModeration: false, percentage: '65.50' });
    });

    it('sets the threshold and moves with reasons, refuses over budget, then locks', async () => {
      const threshold = `${path()}/threshold`;
      expect(
        (await officer.request('PUT', threshold, { json: { thresholdPercent: 75 } })).status,
      ).toBe(422);
      const noReason = await officer.request('PUT', threshold, {
        json: { thresholdPercent: 75, reason: '' },
      });
      expect(noReason.status).toBe(422);
      expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      expect(
        (
          await officer.request('PUT', threshold, {
            json: { thresholdPercent: 75.125, reason: 'Volume' },
          })
        ).status,
      ).toBe(422);
      const raised = await officer.request('PUT', threshold, {
        json: { thresholdPercent: 72.5, reason: 'Volume of applications' },
      });
      expect(raised.status).toBe(200);
      expect(raised.json()).toMatchObject({
        thresholdBp: 7250,
        thresholdReason: 'Volume of applications',
      });
      expect(
        (
          await decider.request('PUT', threshold, {
            json: { thresholdPercent: 60, reason: 'More' },
          })
        ).status,
      ).toBe(403);

      const move = (i: number) => `${path()}/overrides/${api.apps[i].id}`;
      expect((await officer.request('PUT', move(3), { json: { include: true } })).status).toBe(422);
      expect(
        (await officer.request('PUT', move(3), { json: { include: 'yes', reason: 'x' } })).status,
      ).toBe(422);
      const moved = await officer.request('PUT', move(3), {
        json: { include: true, reason: 'Only project in Winterton' },
      });
      expect(moved.status).toBe(200);
      expect(moved.json()).toMatchObject({ recommendedCount: 4, remainingPence: -1_000_000 });

      const refused = await officer.post(`${path()}/submit`);
      expect(refused.status).toBe(422);
      expect(refused.json().errors[0].message).toContain(
        '£10,000.00 over the money available (£50,000.00)',
      );
      expect((await decider.post(`${path()}/submit`)).status).toBe(403);

      // null is refused everywhere in this API: undoing a move is a DELETE.
      expect((await officer.request('PUT', move(3), { json: { include: null } })).status).toBe(422);
      const undone = await officer.request('DELETE', move(3));
      expect(undone.status).toBe(200);
      expect(undone.json()).toMatchObject({ recommendedCount: 3, remainingPence: 500_000 });
      const sent = await officer.post(`${path()}/submit`);
      expect(sent.status).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'submitted', recommendedCount: 3 });

      const locked = await officer.request('PUT', threshold, {
        json: { thresholdPercent: 70, reason: 'Back again' },
      });
      expect(locked.status).toBe(409);
      expect(locked.json()).toMatchObject({ code: 'recommendation_submitted' });
      expect(
        (
          await officer.request('PUT', move(3), {
            json: { include: true, reason: 'Only project in Winterton' },
          })
        ).json(),
      ).toMatchObject({ code: 'recommendation_submitted' });
      expect((await officer.post(`${path()}/submit`)).status).toBe(409);
    });
  });
});
