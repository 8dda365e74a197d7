import { ApplicationsService, AppraisalService } from '@grants/applications';
import { DecisionRecordsService, VoteDecisionService } from '@grants/awards';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { staffActor } from '@grants/identity';
import { jest } from '@jest/globals';
import {
  createApplicant,
  createCompleteDraft,
  createOrganisation,
  lastSignInCode,
} from '../factories/application.factory';
import {
  createClosedVote,
  publishBridlington,
  publishWinterton,
  VOTE_SIGN_OFF,
} from '../factories/closed-vote.factory';
import { createDecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(90_000);

const NO_SUCH_ROUND = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';

const DIVERSION_SUMMARY =
  '5 applications were submitted to the Diversion from ASB and Crime round, which closed on 24 October 2022. ' +
  '3 were eligible, 1 was not and 1 was withdrawn. ' +
  '2 scored 70% or higher, 1 scored between 60% and 69% and 0 scored under 60%. ' +
  "1 grant of £15,000.00 was awarded from the £50,000.00 available from Commissioner's Safety Fund; £35,000.00 remains.";

const PILOT_SUMMARY =
  '8 applications were submitted to the Community Response Fund pilot round, which closed on 24 April 2023. ' +
  '6 projects were shortlisted for the public vote in 2 areas. ' +
  'Residents cast 3 votes in Winterton and 2 in Bridlington South. ' +
  '2 grants were awarded, totalling £18,000.00 of the £20,000.00 available from Community Response Fund; £2,000.00 remains.';

/** Puts a round's dates where the Panel's report has them, closed. */
async function closeAt(ctx: TestContext, round: GrantRound, opens: string, closes: string) {
  await ctx.dataSource.query(
    `UPDATE grant_rounds SET status = 'closed', opens_at = $2, closes_at = $3 WHERE id = $1`,
    [round.id, opens, closes],
  );
}

describe('round reports and the fund overview', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let diversion: GrantRound;
  let pilot: GrantRound;
  let recordNumber: string;
  let officerApi: HttpClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    const decided = await createDecidedRound(ctx, 'RPT');
    diversion = decided.round;
    recordNumber = decided.number;
    // Beside the three decided bids: one not eligible, one withdrawn, one never sent (a draft).
    const applicant = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, applicant, { name: 'Late Starters CIC' });
    const draft = (projectTitle: string) =>
      createCompleteDraft(ctx, applicant, organisation.id, diversion, { projectTitle });
    const ineligible = await draft('Outside the area');
    await ctx.get(ApplicationsService).submit(applicant, ineligible.id);
    await ctx.get(AppraisalService).appraise(
      ineligible.id,
      {
        confirmed: diversion.appraisalChecklist,
        outcome: 'ineligible',
        reason: 'The project is outside Leicestershire.',
      },
      SYSTEM_ACTOR,
    );
    const withdrawn = await draft('Changed our plans');
    await ctx.get(ApplicationsService).submit(applicant, withdrawn.id);
    await ctx.get(ApplicationsService).withdraw(applicant, withdrawn.id, 'Funded elsewhere');
    await draft('Never sent');
    await closeAt(ctx, diversion, '2022-09-26T08:00:00Z', '2022-10-24T16:00:00Z');

    const vote = await createClosedVote(ctx);
    pilot = vote.round;
    await publishWinterton(ctx, vote);
    await publishBridlington(ctx, vote);
    const pcc = staffActor(await createStaff(ctx, 'decision-maker'));
    await ctx.get(VoteDecisionService).signOff(pilot.id, VOTE_SIGN_OFF, pcc);
    await closeAt(ctx, pilot, '2023-03-09T09:00:00Z', '2023-04-24T16:00:00Z');

    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    officerApi = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, (await createStaff(ctx, 'grants-officer')).email),
    );
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it("gives a scored round's figures and summary exactly", async () => {
    const res = await officerApi.get(`/api/v1/staff/rounds/${diversion.id}/report`);
    expect(res.status).toBe(200);
    const report = res.json();
    expect(report.round).toEqual(
      expect.objectContaining({
        id: diversion.id,
        title: 'Diversion from ASB and Crime',
        fundName: CSF.name,
        status: 'closed',
        decisionMethod: 'scored',
        closesAt: '2022-10-24T16:00:00.000Z',
      }),
    );
    expect(report.applications).toEqual({
      received: 5,
      eligible: 3,
      ineligible: 1,
      withdrawn: 1,
      awaitingAppraisal: 0,
    });
    expect(report.scores).toEqual({
      recommendThresholdBp: 7000,
      reserveThresholdBp: 6000,
      scored: 3,
      unscored: 0,
      bands: { recommend: 2, reserve: 1, 'not-recommended': 0 },
      distribution: [0, 0, 0, 0, 0, 0, 1, 0, 2, 0].map((count, i) => ({
        fromPercent: i * 10,
        toPercent: i * 10 + 10,
        count,
      })),
    });
    expect(report.areas).toEqual([]);
    expect(report.awards).toEqual({
      awarded: { count: 1, amountPence: 1_500_000 },
      declined: { count: 0, amountPence: 0 },
      expired: { count: 0, amountPence: 0 },
    });
    expect(report.budget).toEqual({
      contributions: [{ sourceName: "Commissioner's Safety Fund", amountPence: 5_000_000 }],
      budgetPence: 5_000_000,
      committedPence: 1_500_000,
      availablePence: 3_500_000,
      // Offered, not accepted: all of it still to pay.
      paidPence: 0,
      returnedPence: 0,
      duePence: 1_500_000,
    });
    expect(report.decision).toEqual({
      number: recordNumber,
      signedOffAt: expect.any(String),
      publishedAt: null,
    });
    expect(report.summary).toBe(DIVERSION_SUMMARY);
  });

  it("gives a public-vote round's shortlists, votes by area and summary exactly", async () => {
    const res = await officerApi.get(`/api/v1/staff/rounds/${pilot.id}/report`);
    expect(res.status).toBe(200);
    const report = res.json();
    expect(report.applications).toEqual({
      received: 8,
      eligible: 8,
      ineligible: 0,
      withdrawn: 0,
      awaitingAppraisal: 0,
    });
    expect(report.scores).toBeNull();
    expect(
      report.areas.map((a: Record<string, unknown>) => [
        a.name,
        a.received,
        a.shortlisted,
        a.ballotStatus,
        a.votes,
        a.voided,
      ]),
    ).toEqual([
      ['Winterton', 4, 3, 'published', 3, 0],
      ['Bridlington South', 4, 3, 'published', 2, 0],
    ]);
    expect(report.awards.awarded).toEqual({ count: 2, amountPence: 1_800_000 });
    expect(report.budget).toEqual({
      contributions: [{ sourceName: 'Community Response Fund', amountPence: 2_000_000 }],
      budgetPence: 2_000_000,
      committedPence: 1_800_000,
      availablePence: 200_000,
      paidPence: 0,
      returnedPence: 0,
      duePence: 1_800_000,
    });
    expect(report.summary).toBe(PILOT_SUMMARY);
  });

  it('shows the report page with its charts and tables, and the CSV with neutralised cells', async () => {
    const officer = await signedInStaff(server.baseUrl, await createStaff(ctx, 'finance'));
    const page = await officer.getPage(`/staff/rounds/${diversion.id}/report`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain(DIVERSION_SUMMARY);
    expect(page.text).toContain('role="img"');
    expect(page.text).toContain('<title id="chart-scores-title">Score distribution</title>');
    expect(page.text).toContain('<title id="chart-budget-title">Budget use</title>');
    expect(page.text).toContain('href="/public/decision-record-print.css" media="print"');
    expect(text).toContain('Still available £35,000.00');

    const votePage = await officer.getPage(`/staff/rounds/${pilot.id}/report`);
    expect(votePage.status).toBe(200);
    expect(pageText(votePage.text)).toContain(PILOT_SUMMARY);
    expect(votePage.text).toContain('<title id="chart-turnout-title">Votes by area</title>');

    const csv = await officer.get(`/staff/rounds/${diversion.id}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Section,Figure,Value,Value in pounds');
    expect(lines).toContain('Applications,Received,5,');
    expect(lines).toContain('Scores,Recommend,2,');
    expect(lines).toContain('Awards,Amount awarded,1500000,15000.00');
    expect(lines).toContain('Budget,Still available,3500000,35000.00');
    expect(lines).toContain(`Summary,Summary,"${DIVERSION_SUMMARY}",`);
  });

  it('lists each fund with its rounds and a total row', async () => {
    const officer = await signedInStaff(server.baseUrl, await createStaff(ctx, 'decision-maker'));
    const page = await officer.getPage('/staff/reports');
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(page.text).toContain(`href="/staff/rounds/${diversion.id}/report"`);
    expect(text).toContain(
      'Diversion from ASB and Crime round report Closed 24 October 2022 5 1 £15,000.00 £50,000.00',
    );
    expect(text).toContain(
      'Community Response Fund pilot round report Closed 24 April 2023 8 2 £18,000.00 £20,000.00',
    );
    expect(text).toContain('Total 5 1 £15,000.00 £50,000.00');
  });

  it('is for the office only: not assessors, applicants or anyone signed out', async () => {
    const path = `/staff/rounds/${diversion.id}/report`;
    const assessor = await signedInStaff(server.baseUrl, await createStaff(ctx, 'assessor'));
    expect((await assessor.getPage(path)).status).toBe(403);
    expect((await assessor.getPage('/staff/reports')).status).toBe(403);
    const assessorApi = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, (await createStaff(ctx, 'assessor')).email),
    );
    expect((await assessorApi.get(`/api/v1/staff/rounds/${diversion.id}/report`)).status).toBe(403);
    expect(
      (await new HttpClient(server.baseUrl).get(`/api/v1/staff/rounds/${diversion.id}/report`))
        .status,
    ).toBe(401);

    // An applicant's session is not a staff one: the pages send them to the staff sign-in.
    const applicant = await createApplicant(ctx);
    const applicantPages = new HttpClient(server.baseUrl);
    await applicantPages.getPage('/sign-in');
    const asked = await applicantPages.postForm('/sign-in', { email: applicant.email });
    await applicantPages.getPage(asked.headers.get('location')!);
    const code = await lastSignInCode(ctx.dataSource, applicant.email);
    expect((await applicantPages.postForm('/sign-in/code', { code })).status).toBe(303);
    const refused = await applicantPages.getPage(path);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toContain('/staff/sign-in');
    expect((await applicantPages.get(`${path}.csv`)).status).toBe(303);

    expect((await officerApi.get(`/api/v1/staff/rounds/${NO_SUCH_ROUND}/report`)).status).toBe(404);
    expect((await officerApi.get('/api/v1/staff/rounds/not-a-round/report')).status).toBe(404);
  });

  it('shows the public report only once the decision record is published', async () => {
    const visitor = new HttpClient(server.baseUrl);
    expect((await visitor.getPage(`/rounds/${diversion.id}/report`)).status).toBe(404);
    expect((await visitor.get(`/rounds/${diversion.id}/report.csv`)).status).toBe(404);
    expect((await visitor.getPage(`/rounds/${NO_SUCH_ROUND}/report`)).status).toBe(404);

    await ctx.get(DecisionRecordsService).publish(diversion.id, SYSTEM_ACTOR);
    const page = await visitor.getPage(`/rounds/${diversion.id}/report`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain(DIVERSION_SUMMARY);
    expect(page.text).toContain(`href="/decisions/${recordNumber}"`);
    expect(page.text).not.toContain('/staff/rounds/');
    expect((await visitor.get(`/rounds/${diversion.id}/report.csv`)).status).toBe(200);
  });
});
