import { AppraisalService, ApplicationsService } from '@grants/applications';
import { SYSTEM_ACTOR, ukToday } from '@grants/core';
import { GrantRound, RoundSchedulerService, RoundsService } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { AwardAcceptanceService, GrantPaymentsService } from '@grants/monitoring';
import { Organisation } from '@grants/organisations';
import { jest } from '@jest/globals';
import {
  completeAnswers,
  createApplicant,
  createOrganisation,
  lastSignInCode,
} from '../factories/application.factory';
import { CRF, createFund, diversionInput } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** A real server process on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

const STAFF = '/api/v1/staff';
const APPS = '/api/v1/applications';
const THEMES = ['Curbing violent crime', 'Partnerships', 'Victims of crime'];
const RECORD = {
  title: 'Community Safety Partnership allocations 2023-24',
  summary: 'The pot is shared between the four councils by population.',
  declarations: 'None',
};

/*
 * Humberside's four councils share £100,000.00 by one indicator, population, in the proportion
 * 4 : 3 : 2 : 1 (400,000 + 300,000 + 200,000 + 100,000 = 1,000,000 people), so the allocations
 * are exactly £40,000.00, £30,000.00, £20,000.00 and £10,000.00.
 */
const COUNCILS = [
  { name: 'Hull City Council', population: '400000', allocation: 4_000_000 },
  { name: 'East Riding of Yorkshire Council', population: '300000', allocation: 3_000_000 },
  { name: 'North Lincolnshire Council', population: '200000', allocation: 2_000_000 },
  { name: 'North East Lincolnshire Council', population: '100000', allocation: 1_000_000 },
];

interface Partner {
  organisation: Organisation;
  applicant: Applicant;
  client: HttpClient;
}

describe('partners’ projects within their allocations', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let planId: string;
  let recordNumber: string;
  let hull: Partner;
  let eastRiding: Partner;
  let northLincs: Partner;
  let northEastLincs: Partner;
  let outsider: Partner;
  let officer: HttpClient;
  let decider: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);

  async function signIn(email: string): Promise<HttpClient> {
    const anonymous = as();
    const asked = await anonymous.post('/api/v1/auth/email-code', { email });
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code: await lastSignInCode(ctx.dataSource, email),
    });
    return as(verified.json().token as string);
  }

  async function partner(name: string, type = 'local-authority'): Promise<Partner> {
    const applicant = await createApplicant(ctx);
    const organisation = await createOrganisation(ctx, applicant, {
      name,
      type,
      charityNumber: type === 'charity' ? '1123456' : '',
    });
    return { organisation, applicant, client: await signIn(applicant.email) };
  }

  /** Every answer, with one budget line holding the whole amount. */
  const answers = (amountPence: number, projectTitle = 'SOS help points') =>
    completeAnswers(round, {
      amountRequestedPence: amountPence,
      projectTitle,
      budgetLines: [{ item: 'Equipment and installation', amountPence }],
    });

  /** A complete draft through the API, ready to submit. */
  async function draft(who: Partner, amountPence: number, title = 'SOS help points') {
    const started = await who.client.post(APPS, {
      roundId: round.id,
      organisationId: who.organisation.id,
    });
    expect(started.status).toBe(201);
    const id = started.json().id as string;
    const saved = await who.client.request('PATCH', `${APPS}/${id}`, {
      json: answers(amountPence, title),
    });
    expect(saved.status).toBe(200);
    return id;
  }

  /**
   * An eligible project written through the services, where no allocation rule is registered:
   * the state a partner could not reach through the API (asking for more than it has left), so
   * that the approvals' own lock is what is tested.
   */
  async function seededEligible(who: Partner, amountPence: number): Promise<string> {
    const applications = ctx.get(ApplicationsService);
    const started = await applications.start(who.applicant, round.id, who.organisation.id);
    await applications.saveAnswers(who.applicant, started.id, answers(amountPence), {
      complete: true,
    });
    await applications.submit(who.applicant, started.id);
    await eligible(started.id);
    return started.id;
  }

  async function eligible(applicationId: string): Promise<void> {
    await ctx
      .get(AppraisalService)
      .appraise(
        applicationId,
        { confirmed: round.appraisalChecklist, outcome: 'eligible' },
        SYSTEM_ACTOR,
      );
  }

  async function ledger(who: Partner) {
    const view = await officer.get(`${STAFF}/allocation-plans/${planId}/projects`);
    expect(view.status).toBe(200);
    return view
      .json()
      .partners.find((p: { organisationId: string }) => p.organisationId === who.organisation.id);
  }

  const count = async (sql: string, params: unknown[] = []) =>
    ((await ctx.dataSource.query(sql, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    const rounds = ctx.get(RoundsService);
    const created = await rounds.create(
      CRF.slug,
      diversionInput({
        code: 'CSP',
        title: 'Community Safety Partnership projects 2023-24',
        opensAt: new Date(Date.now() - 60_000),
        decisionMethod: 'allocation',
        recommendThresholdBp: null,
        reserveThresholdBp: null,
        eligibleOrganisationTypes: ['local-authority', 'charity'],
        planThemes: THEMES,
        maxGrantPence: 5_000_000,
        budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 12_000_000 }],
      }),
      SYSTEM_ACTOR,
    );
    await rounds.schedule(created.id, SYSTEM_ACTOR);
    await ctx.get(RoundSchedulerService).openIfDue(created.id);
    round = await rounds.get(created.id, { includeDrafts: true });

    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '10000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    const token = async (role: Parameters<typeof createStaff>[1]) =>
      bearerFor(server.baseUrl, (await createStaff(ctx, role)).email);
    officer = as(await token('grants-officer'));
    decider = as(await token('decision-maker'));
    finance = as(await token('finance'));
    assessor = as(await token('assessor'));
    [hull, eastRiding, northLincs, northEastLincs] = [
      await partner(COUNCILS[0].name),
      await partner(COUNCILS[1].name),
      await partner(COUNCILS[2].name),
      await partner(COUNCILS[3].name),
    ];
    outsider = await partner('Goodwin Development Trust', 'charity');

    const plan = await officer.post(`${STAFF}/rounds/${round.id}/allocation-plan`, {
      potPence: 10_000_000,
    });
    expect(plan.status).toBe(201);
    planId = plan.json().id;
    const councils = [hull, eastRiding, northLincs, northEastLincs];
    for (const [path, json] of [
      ['partners', { organisationIds: councils.map((c) => c.organisation.id) }],
      ['indicators', { indicators: [{ key: 'population', label: 'Population', weight: 1 }] }],
    ] as const)
      expect(
        (await officer.request('PUT', `${STAFF}/allocation-plans/${planId}/${path}`, { json }))
          .status,
      ).toBe(200);
    const values = await officer.post(`${STAFF}/allocation-plans/${planId}/values`, {
      values: COUNCILS.map((c) => ({
        partner: c.name,
        indicator: 'population',
        value: c.population,
        source: 'ONS mid-2021 estimates',
        period: '2021',
      })),
    });
    expect(values.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('takes no application before the allocations are published, then only from partners', async () => {
    const early = await hull.client.post(APPS, {
      roundId: round.id,
      organisationId: hull.organisation.id,
    });
    expect([early.status, early.json().code]).toEqual([409, 'allocation_not_published']);

    const published = await decider.post(`${STAFF}/allocation-plans/${planId}/publish`, RECORD);
    expect(published.status).toBe(200);
    recordNumber = published.json().decisionRecordNumber;
    expect(published.json().allocations.map((a: { amountPence: number }) => a.amountPence)).toEqual(
      COUNCILS.map((c) => c.allocation),
    );

    const before = await count(`SELECT count(*)::int AS n FROM applications`);
    const refused = await outsider.client.post(APPS, {
      roundId: round.id,
      organisationId: outsider.organisation.id,
    });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'not_allocation_partner',
      message: expect.stringContaining('not one of them'),
    });
    // A partner's member cannot apply for another partner either.
    const forOther = await outsider.client.post(APPS, {
      roundId: round.id,
      organisationId: hull.organisation.id,
    });
    expect(forOther.status).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM applications`)).toBe(before);
  });

  it('lets a partner apply within its allocation, linked to the plan, and refuses more', async () => {
    // The Police and Crime Plan link is required, as the round has themes.
    const unlinked = await draft(hull, 2_500_000, 'ANPR camera for the Princes Quay car park');
    await hull.client.request('PATCH', `${APPS}/${unlinked}`, { json: { planThemes: [] } });
    const noThemes = await hull.client.post(`${APPS}/${unlinked}/submit`);
    expect(noThemes.status).toBe(422);
    expect(noThemes.json().errors.map((e: { field: string }) => e.field)).toContain('planThemes');
    await hull.client.request('PATCH', `${APPS}/${unlinked}`, {
      json: { planThemes: [THEMES[0]] },
    });
    const first = await hull.client.post(`${APPS}/${unlinked}/submit`);
    expect([first.status, first.json().status]).toEqual([200, 'submitted']);

    const second = await draft(hull, 1_500_001, 'Peer-led bystander programme');
    const over = await hull.client.post(`${APPS}/${second}/submit`);
    expect(over.status).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'allocation_exceeded',
      message:
        '£15,000.01 requested is more than the £15,000.00 left of Hull City Council’s £40,000.00 allocation (£25,000.00 requested already)',
    });
    const unchanged = await hull.client.get(`${APPS}/${second}`);
    expect([unchanged.json().status, unchanged.json().reference]).toEqual(['draft', null]);

    // To the penny of what is left is allowed.
    await hull.client.request('PATCH', `${APPS}/${second}`, {
      json: {
        amountRequestedPence: 1_500_000,
        budgetLines: [
          { item: 'Trainers', amountPence: 1_200_000 },
          { item: 'Venue hire', amountPence: 300_000 },
        ],
      },
    });
    const exact = await hull.client.post(`${APPS}/${second}/submit`);
    expect([exact.status, exact.json().status]).toEqual([200, 'submitted']);

    const mine = await hull.client.get(`/api/v1/organisations/${hull.organisation.id}/allocations`);
    expect(mine.status).toBe(200);
    expect(mine.json().allocations).toEqual([
      expect.objectContaining({
        planId,
        allocationPence: 4_000_000,
        requestedPence: 4_000_000,
        pendingPence: 4_000_000,
        approvedPence: 0,
        unspentPence: 4_000_000,
        availableToRequestPence: 0,
      }),
    ]);
    // Another partner's member sees nothing of it.
    const other = await eastRiding.client.get(
      `/api/v1/organisations/${hull.organisation.id}/allocations`,
    );
    expect(other.status).toBe(404);
    expect((await eastRiding.client.get(`${APPS}/${unlinked}`)).status).toBe(404);
  });

  it('approves a project as an offered award the grantee sees, and declines another', async () => {
    const [anpr, bystander] = (await ledger(hull)).projects.map(
      (p: { applicationId: string }) => p.applicationId,
    );
    const notYet = await decider.post(`${STAFF}/allocation-projects/${anpr}/approve`, {
      amountPence: 2_000_000,
    });
    expect([notYet.status, notYet.json().code]).toEqual([409, 'not_awaiting_approval']);
    await eligible(anpr);
    await eligible(bystander);

    for (const client of [officer, assessor, finance]) {
      const refused = await client.post(`${STAFF}/allocation-projects/${anpr}/approve`, {
        amountPence: 2_000_000,
      });
      expect(refused.status).toBe(403);
    }
    const byApplicant = await hull.client.post(`${STAFF}/allocation-projects/${anpr}/approve`, {
      amountPence: 2_000_000,
    });
    expect(byApplicant.status).toBe(401);
    const tooMuch = await decider.post(`${STAFF}/allocation-projects/${anpr}/approve`, {
      amountPence: 2_500_001,
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json().errors).toEqual([
      { field: 'amountPence', message: 'Enter an amount from 1 penny to the £25,000.00 asked for' },
    ]);

    const approved = await decider.post(`${STAFF}/allocation-projects/${anpr}/approve`, {
      amountPence: 2_000_000,
      note: 'Camera only; the signage comes from the council’s own budget.',
    });
    expect(approved.status).toBe(200);
    const position = approved
      .json()
      .partners.find((p: { organisationId: string }) => p.organisationId === hull.organisation.id);
    expect(position).toMatchObject({
      allocationPence: 4_000_000,
      requestedPence: 4_000_000,
      pendingPence: 1_500_000,
      approvedPence: 2_000_000,
      paidPence: 0,
      releasedPence: 0,
      unspentPence: 2_000_000,
    });
    expect(position.projects[0]).toMatchObject({
      applicationId: anpr,
      status: 'awarded',
      approvedPence: 2_000_000,
      awardStatus: 'offered',
    });
    const award = await ctx.dataSource.query(
      `SELECT w.status, w.amount_pence, r.number FROM awards w
         JOIN decision_records r ON r.id = w.decision_record_id WHERE w.application_id = $1`,
      [anpr],
    );
    expect(award).toEqual([{ status: 'offered', amount_pence: '2000000', number: recordNumber }]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action IN ('allocation-project.approved', 'award.offered')`,
      ),
    ).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbound_emails
          WHERE template = 'applications/award-offered' AND data->>'subject' = $1`,
        [`Grant offered: ${position.projects[0].reference}`],
      ),
    ).toBe(1);

    // The grantee's own grants (libs/monitoring) show the offer to accept.
    const grants = await hull.client.get('/api/v1/grants');
    expect(grants.status).toBe(200);
    expect(JSON.stringify(grants.json())).toContain(anpr);
    const grant = await hull.client.get(`${APPS}/${anpr}/grant`);
    expect(grant.status).toBe(200);
    expect(grant.json()).toMatchObject({ status: 'offered', amountPence: 2_000_000 });
    expect((await eastRiding.client.get(`${APPS}/${anpr}/grant`)).status).toBe(404);

    // Accepted and paid as any grant is (libs/monitoring): the partner's paid figure follows.
    await ctx.get(AwardAcceptanceService).accept(hull.applicant, anpr, {
      name: 'Dave Fielding',
      role: 'Community Safety Partnership manager',
      confirmed: true,
    });
    const [due] = await ctx.dataSource.query(
      `SELECT p.id, p.amount_pence FROM grant_payments p JOIN awards w ON w.id = p.award_id
        WHERE w.application_id = $1 AND p.status = 'due' ORDER BY p.sequence LIMIT 1`,
      [anpr],
    );
    await ctx.get(GrantPaymentsService).markPaid(SYSTEM_ACTOR, due.id, {
      paidOn: ukToday(new Date()),
      amountPence: Number(due.amount_pence),
      reference: 'BACS 2023-0412',
    });
    expect(await ledger(hull)).toMatchObject({
      approvedPence: 2_000_000,
      paidPence: Number(due.amount_pence),
    });
    expect(Number(due.amount_pence)).toBeGreaterThan(0);

    const again = await decider.post(`${STAFF}/allocation-projects/${anpr}/approve`, {
      amountPence: 1,
    });
    expect([again.status, again.json().code]).toEqual([409, 'not_awaiting_approval']);

    const noReason = await decider.post(`${STAFF}/allocation-projects/${bystander}/decline`, {
      reason: ' ',
    });
    expect(noReason.status).toBe(422);
    const declined = await decider.post(`${STAFF}/allocation-projects/${bystander}/decline`, {
      reason: 'The Violence Reduction Network already funds this programme in Hull.',
    });
    expect(declined.status).toBe(200);
    expect(
      declined
        .json()
        .partners.find(
          (p: { organisationId: string }) => p.organisationId === hull.organisation.id,
        ),
    ).toMatchObject({ requestedPence: 2_500_000, pendingPence: 0, unspentPence: 2_000_000 });

    // A grant made larger later (a variation) is held to the allocation as well: Hull has
    // £20,000.00 left, so £20,000.01 more is refused and nothing changes...
    const vary = async (newAmountPence: number) => {
      const asked = await hull.client.post(`${APPS}/${anpr}/grant/variations`, {
        newAmountPence,
        budgetChanges: 'More help points on the Bransholme estate',
        reason: 'Two more sites were found after the survey.',
      });
      expect(asked.status).toBe(201);
      return asked.json().id as string;
    };
    const beyond = await vary(4_000_001);
    const refused = await officer.post(`${STAFF}/variations/${beyond}/decision`, {
      approve: true,
    });
    expect([refused.status, refused.json().code]).toEqual([409, 'allocation_exceeded']);
    expect(refused.json().message).toContain('£20,000.00 left');
    expect(await ledger(hull)).toMatchObject({ approvedPence: 2_000_000, unspentPence: 2_000_000 });
    await officer.post(`${STAFF}/variations/${beyond}/decision`, {
      approve: false,
      reason: 'Beyond the council’s allocation.',
    });
    // ...while a change within it goes through, and back.
    for (const amount of [2_000_100, 2_000_000]) {
      const id = await vary(amount);
      const approved = await officer.post(`${STAFF}/variations/${id}/decision`, { approve: true });
      expect(approved.status).toBe(200);
      expect((await ledger(hull)).approvedPence).toBe(amount);
    }
  });

  it('never lets two approvals at once take a partner past its allocation (20 times)', async () => {
    // North East Lincolnshire has £10,000.00; each project asks for £6,000.00.
    for (let i = 0; i < 20; i += 1) {
      const ids = [
        await seededEligible(northEastLincs, 600_000),
        await seededEligible(northEastLincs, 600_000),
      ];
      const answers = await Promise.all(
        ids.map((id) =>
          decider.post(`${STAFF}/allocation-projects/${id}/approve`, { amountPence: 600_000 }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409]);
      const refused = answers.find((a) => a.status === 409)!.json();
      expect(refused).toMatchObject({
        code: 'allocation_exceeded',
        message:
          '£6,000.00 approved is more than the £4,000.00 left of North East Lincolnshire Council’s £10,000.00 allocation (£6,000.00 approved already)',
      });
      expect(await ledger(northEastLincs)).toMatchObject({ approvedPence: 600_000 });
      // The council turns the offer down (libs/monitoring): the money is the partner's again.
      const won = ids[answers.findIndex((a) => a.status === 200)];
      await ctx
        .get(AwardAcceptanceService)
        .decline(northEastLincs.applicant, won, 'Match funding fell through.');
      expect(await ledger(northEastLincs)).toMatchObject({
        approvedPence: 0,
        unspentPence: 1_000_000,
      });
    }
    expect(
      await count(
        `SELECT count(*)::int AS n FROM awards w JOIN applications a ON a.id = w.application_id
          WHERE a.organisation_id = $1`,
        [northEastLincs.organisation.id],
      ),
    ).toBe(20);
    // Offers turned down are no longer asked for; the 20 projects refused are still waiting.
    expect(await ledger(northEastLincs)).toMatchObject({
      requestedPence: 20 * 600_000,
      pendingPence: 20 * 600_000,
      approvedPence: 0,
    });
  }, 180_000);

  it('never lets two submissions at once ask for more than a partner has left (20 times)', async () => {
    // North Lincolnshire has £20,000.00; each project asks for £12,000.00.
    for (let i = 0; i < 20; i += 1) {
      const ids = [await draft(northLincs, 1_200_000), await draft(northLincs, 1_200_000)];
      const answers = await Promise.all(
        ids.map((id) => northLincs.client.post(`${APPS}/${id}/submit`)),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.json().code).toBe('allocation_exceeded');
      expect(await ledger(northLincs)).toMatchObject({ pendingPence: 1_200_000 });
      // Withdrawn, it no longer counts against the allocation; the refused one stays a draft.
      const sent = ids[answers.findIndex((a) => a.status === 200)];
      expect(
        (await northLincs.client.post(`${APPS}/${sent}/withdraw`, { reason: 'Rescoped' })).status,
      ).toBe(200);
    }
    expect(await ledger(northLincs)).toMatchObject({ requestedPence: 0, pendingPence: 0 });
  }, 180_000);

  it('reports the unspent allocation and releases it by a recorded decision, for good', async () => {
    const view = await finance.get(`${STAFF}/allocation-plans/${planId}/projects`);
    expect(view.status).toBe(200);
    expect(view.json().totals).toMatchObject({
      allocationPence: 10_000_000,
      approvedPence: 2_000_000,
      releasedPence: 0,
      unspentPence: 8_000_000,
    });
    expect((await assessor.get(`${STAFF}/allocation-plans/${planId}/projects`)).status).toBe(403);
    expect((await hull.client.get(`${STAFF}/allocation-plans/${planId}/projects`)).status).toBe(
      401,
    );

    const input = {
      title: 'Year-end release of unspent CSP allocations 2023-24',
      summary: 'Hull and East Riding have no further projects this year.',
      declarations: 'None',
      organisationIds: [hull.organisation.id, eastRiding.organisation.id],
    };
    expect((await officer.post(`${STAFF}/allocation-plans/${planId}/releases`, input)).status).toBe(
      403,
    );
    const released = await decider.post(`${STAFF}/allocation-plans/${planId}/releases`, input);
    expect(released.status).toBe(201);
    expect(released.json()).toMatchObject({
      title: input.title,
      totalPence: 5_000_000,
      lines: [
        { organisationId: hull.organisation.id, amountPence: 2_000_000 },
        { organisationId: eastRiding.organisation.id, amountPence: 3_000_000 },
      ],
    });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'allocation-plan.unspent-released'`,
      ),
    ).toBe(1);
    expect(await ledger(hull)).toMatchObject({ releasedPence: 2_000_000, unspentPence: 0 });

    // Released money can be neither asked for nor approved afterwards.
    const late = await draft(hull, 1, 'All-terrain vehicle against rural crime');
    const asked = await hull.client.post(`${APPS}/${late}/submit`);
    expect([asked.status, asked.json().code]).toEqual([409, 'allocation_exceeded']);
    expect(asked.json().message).toContain('more than the £0.00 left');
    const seeded = await seededEligible(eastRiding, 100_000);
    const approval = await decider.post(`${STAFF}/allocation-projects/${seeded}/approve`, {
      amountPence: 100_000,
    });
    expect([approval.status, approval.json().code]).toEqual([409, 'allocation_exceeded']);
    const twice = await decider.post(`${STAFF}/allocation-plans/${planId}/releases`, input);
    expect([twice.status, twice.json().code]).toEqual([409, 'nothing_to_release']);
  });
});
