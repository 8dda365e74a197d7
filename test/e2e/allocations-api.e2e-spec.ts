import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import { jest } from '@jest/globals';
import { lastSignInCode } from '../factories/application.factory';
import { createApplicant } from '../factories/application.factory';
import { CRF, createFund, diversionInput } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** A real server process on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

const API = '/api/v1/staff';
const NO_SUCH_ID = '6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c';
const COUNCILS = [
  'Hull City Council',
  'East Riding of Yorkshire Council',
  'North Lincolnshire Council',
  'North East Lincolnshire Council',
];

/*
 * Humberside's four councils share £500,000.00 by population (weight 50), total recorded crime
 * (30) and anti-social behaviour (20); libs/allocations/src/formula/allocation-formula.spec.ts
 * works the shares out in full. Over 46,800ths the shares are 15684, 13581, 8267 and 9268, so
 * the pence are 16,756,410.256, 14,509,615.384, 8,832,264.957 and 9,901,709.401: whole pence
 * add up to 49,999,998 and the two pennies left go to the two largest remainders (.957, .401).
 */
const CSV = [
  '\uFEFFPartner,Indicator,Value,Source,Period',
  'Hull City Council,population,267000,ONS mid-2021 estimates,2021',
  'East Riding of Yorkshire Council,population,342000,ONS mid-2021 estimates,2021',
  'North Lincolnshire Council,population,170000,ONS mid-2021 estimates,2021',
  'North East Lincolnshire Council,population,157000,ONS mid-2021 estimates,2021',
  'Hull City Council,crime,"30,000",Humberside Police,2022-23',
  'East Riding of Yorkshire Council,crime,18000,Humberside Police,2022-23',
  'North Lincolnshire Council,crime,14000,Humberside Police,2022-23',
  'North East Lincolnshire Council,crime,18000,Humberside Police,2022-23',
  'Hull City Council,asb,6000,Humberside Police,2022-23',
  'East Riding of Yorkshire Council,asb,3000,Humberside Police,2022-23',
  'North Lincolnshire Council,asb,2500.0,Humberside Police,2022-23',
  'North East Lincolnshire Council,asb,3500,Humberside Police,2022-23',
].join('\r\n');
const HAND_COMPUTED = [16_756_410, 14_509_615, 8_832_265, 9_901_710];

describe('allocations API', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let scoredRound: GrantRound;
  let councils: Organisation[];
  let officer: HttpClient;
  let admin: HttpClient;
  let decider: HttpClient;
  /** A second decision maker (the Commissioner's deputy). */
  let deputy: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  let applicant: HttpClient;
  let anonymous: HttpClient;
  let planId: string;
  const as = (token?: string) =>
    token ? new HttpClient(server.baseUrl).withBearer(token) : new HttpClient(server.baseUrl);
  const put = (client: HttpClient, path: string, json: unknown) =>
    client.request('PUT', path, { json });

  /** Everything the API could write, to show a refusal changed nothing. */
  async function written(): Promise<unknown> {
    const q = (sql: string) => ctx.dataSource.query(sql);
    return {
      plans: await q(`SELECT * FROM allocation_plans ORDER BY created_at`),
      partners: await q(`SELECT * FROM allocation_partners ORDER BY plan_id, position`),
      indicators: await q(`SELECT * FROM allocation_indicators ORDER BY plan_id, position`),
      values: await q(`SELECT * FROM allocation_indicator_values ORDER BY id`),
      allocations: await q(`SELECT * FROM partner_allocations ORDER BY position`),
      records: await q(`SELECT * FROM decision_records ORDER BY number`),
      audit: await q(`SELECT count(*)::int AS n FROM audit_events`),
    };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    const rounds = ctx.get(RoundsService);
    round = await rounds.create(
      CRF.slug,
      diversionInput({
        code: 'CSP',
        title: 'Community Safety Partnership allocations 2023-24',
        decisionMethod: 'allocation',
        recommendThresholdBp: null,
        reserveThresholdBp: null,
        eligibleOrganisationTypes: ['local-authority'],
        budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 60_000_000 }],
      }),
      SYSTEM_ACTOR,
    );
    scoredRound = await rounds.create(CRF.slug, diversionInput({ code: 'DIV' }), SYSTEM_ACTOR);
    councils = [];
    for (const name of COUNCILS)
      councils.push(
        await ctx.dataSource.manager.save(
          ctx.dataSource.manager.create(Organisation, { name, type: 'local-authority' }),
        ),
      );
    const grantee = await createApplicant(ctx);

    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    const token = async (role: Parameters<typeof createStaff>[1]) =>
      bearerFor(server.baseUrl, (await createStaff(ctx, role)).email);
    officer = as(await token('grants-officer'));
    admin = as(await token('admin'));
    decider = as(await token('decision-maker'));
    deputy = as(await token('decision-maker'));
    finance = as(await token('finance'));
    assessor = as(await token('assessor'));
    anonymous = as();
    const asked = await anonymous.post('/api/v1/auth/email-code', { email: grantee.email });
    const verified = await anonymous.post('/api/v1/auth/email-code/verify', {
      requestId: asked.json().requestId,
      code: await lastSignInCode(ctx.dataSource, grantee.email),
    });
    applicant = as(verified.json().token as string);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('refuses a plan for a round that is not an allocation round, or a pot over the budget', async () => {
    const before = await written();
    const scored = await officer.post(`${API}/rounds/${scoredRound.id}/allocation-plan`, {});
    expect([scored.status, scored.json().code]).toEqual([409, 'not_allocation_round']);
    const missing = await officer.post(`${API}/rounds/${NO_SUCH_ID}/allocation-plan`, {});
    expect(missing.status).toBe(404);
    const over = await officer.post(`${API}/rounds/${round.id}/allocation-plan`, {
      potPence: 60_000_001,
    });
    expect(over.status).toBe(422);
    expect(over.json().errors).toEqual([
      {
        field: 'potPence',
        message: "The pot cannot be more than the round's budget (£600,000.00)",
      },
    ]);
    const typed = await officer.post(`${API}/rounds/${round.id}/allocation-plan`, {
      potPence: '500000',
      floorPence: 1.5,
    });
    expect(typed.status).toBe(422);
    expect(typed.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'potPence',
      'floorPence',
    ]);
    expect(await written()).toEqual(before);
  });

  it('sets up the Humberside plan and shares the pot to the penny as computed by hand', async () => {
    const created = await officer.post(`${API}/rounds/${round.id}/allocation-plan`, {
      potPence: 50_000_000,
    });
    expect(created.status).toBe(201);
    planId = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'draft',
      potPence: 50_000_000,
      floorPence: null,
    });
    const again = await admin.post(`${API}/rounds/${round.id}/allocation-plan`, {});
    expect([again.status, again.json().code]).toEqual([409, 'allocation_plan_exists']);

    const partners = await put(officer, `${API}/allocation-plans/${planId}/partners`, {
      organisationIds: councils.map((c) => c.id),
    });
    expect(partners.status).toBe(200);
    const indicators = await put(officer, `${API}/allocation-plans/${planId}/indicators`, {
      indicators: [
        { key: 'population', label: 'Population', weight: 50 },
        { key: 'crime', label: 'Total recorded crime', weight: 30 },
        { key: 'asb', label: 'Anti-social behaviour incidents', weight: 20 },
      ],
    });
    expect(indicators.status).toBe(200);
    expect(indicators.json().missingValues).toHaveLength(12);
    const early = await decider.post(`${API}/allocation-plans/${planId}/preview`, {});
    expect([early.status, early.json().code]).toEqual([409, 'values_missing']);

    const imported = await officer.post(`${API}/allocation-plans/${planId}/values/import`, {
      csv: CSV,
    });
    expect(imported.status).toBe(200);
    expect(imported.json().missingValues).toEqual([]);
    expect(imported.json().values[4]).toEqual({
      organisationId: councils[1].id,
      partner: 'East Riding of Yorkshire Council',
      indicator: 'crime',
      value: '18000',
      source: 'Humberside Police',
      period: '2022-23',
    });

    // A value typed in replaces the imported one; importing the file again puts it back.
    const typed = await officer.post(`${API}/allocation-plans/${planId}/values`, {
      values: [
        {
          partner: councils[0].id,
          indicator: 'Population',
          value: '1',
          source: 'Typo',
          period: '2021',
        },
      ],
    });
    expect(typed.status).toBe(200);
    expect(typed.json().values[0]).toMatchObject({ value: '1', source: 'Typo' });
    const reimported = await officer.post(`${API}/allocation-plans/${planId}/values/import`, {
      csv: CSV,
    });
    expect(reimported.json().values[0]).toMatchObject({
      value: '267000',
      source: 'ONS mid-2021 estimates',
    });
    expect(reimported.json().values).toHaveLength(12);

    const audit = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
    const preview = await decider.post(`${API}/allocation-plans/${planId}/preview`, {});
    expect(preview.status).toBe(200);
    expect(preview.json().partners.map((p: { amountPence: number }) => p.amountPence)).toEqual(
      HAND_COMPUTED,
    );
    expect(preview.json().totalPence).toBe(50_000_000);
    expect(preview.json().partners[0]).toMatchObject({
      name: 'Hull City Council',
      sharePercent: '33.51',
      changePence: 0,
      limitedBy: null,
    });
    expect(preview.json().partners[0].indicators[0]).toEqual({
      key: 'population',
      label: 'Population',
      weight: 50,
      value: '267000',
      source: 'ONS mid-2021 estimates',
      period: '2021',
      sharePercent: '28.53',
      contributionPence: 7_131_410,
    });
    // A preview stores nothing, not even an audit event.
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(
      audit,
    );
  });

  it('shows what other weights would give without changing the plan', async () => {
    /*
     * Population alone: 50,000,000 × 267/936 = 14,262,820.512, × 342/936 = 18,269,230.769,
     * × 170/936 = 9,081,196.581, × 157/936 = 8,386,752.136; whole pence 49,999,998, the 2p left
     * to .769 (East Riding) and .581 (North Lincolnshire).
     */
    const before = await written();
    const whatIf = await finance.post(`${API}/allocation-plans/${planId}/preview`, {
      weights: { crime: 0, asb: 0 },
    });
    expect(whatIf.status).toBe(200);
    expect(
      whatIf
        .json()
        .partners.map((p: { amountPence: number; changePence: number }) => [
          p.amountPence,
          p.changePence,
        ]),
    ).toEqual([
      [14_262_820, 14_262_820 - HAND_COMPUTED[0]],
      [18_269_231, 18_269_231 - HAND_COMPUTED[1]],
      [9_081_197, 9_081_197 - HAND_COMPUTED[2]],
      [8_386_752, 8_386_752 - HAND_COMPUTED[3]],
    ]);
    expect(whatIf.json().indicators[1]).toEqual({
      key: 'crime',
      label: 'Total recorded crime',
      weight: 0,
      storedWeight: 30,
    });
    const bad = await finance.post(`${API}/allocation-plans/${planId}/preview`, {
      weights: { knife: 10, crime: -1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'weights.knife',
      'weights.crime',
    ]);
    const floors = await officer.patch(`${API}/allocation-plans/${planId}`, {
      floorPence: 12_500_001,
    });
    expect([floors.status, floors.json().code]).toEqual([422, 'floor_too_high']);
    const caps = await officer.patch(`${API}/allocation-plans/${planId}`, {
      capPence: 12_499_999,
    });
    expect([caps.status, caps.json().code]).toEqual([422, 'cap_too_low']);
    expect(await written()).toEqual(before);
  });

  it('holds partners within a minimum and maximum, and clears them with 0', async () => {
    // Worked in the formula's unit test: Hull held at £150,000, North Lincolnshire raised to
    // £100,000, and the £250,000 left shared 13581 : 9268 by East Riding and North East Lincolnshire.
    const limited = await officer.patch(`${API}/allocation-plans/${planId}`, {
      floorPence: 10_000_000,
      capPence: 15_000_000,
    });
    expect(limited.status).toBe(200);
    const preview = await officer.post(`${API}/allocation-plans/${planId}/preview`, {});
    expect(
      preview
        .json()
        .partners.map((p: { amountPence: number; limitedBy: string | null }) => [
          p.amountPence,
          p.limitedBy,
        ]),
    ).toEqual([
      [15_000_000, 'cap'],
      [14_859_512, null],
      [10_000_000, 'floor'],
      [10_140_488, null],
    ]);
    const cleared = await officer.patch(`${API}/allocation-plans/${planId}`, {
      floorPence: 0,
      capPence: 0,
    });
    expect(cleared.json()).toMatchObject({
      potPence: 50_000_000,
      floorPence: null,
      capPence: null,
    });
    const events = await ctx.dataSource.query(
      `SELECT before, after FROM audit_events WHERE action = 'allocation-plan.updated' AND subject_id = $1 ORDER BY occurred_at`,
      [planId],
    );
    expect(events.map((e: { after: object }) => e.after)).toEqual([
      { potPence: 50_000_000, floorPence: 10_000_000, capPence: 15_000_000 },
      { potPence: 50_000_000, floorPence: null, capPence: null },
    ]);
  });

  it('reports every bad CSV row and imports nothing from the file', async () => {
    const before = await written();
    const res = await officer.post(`${API}/allocation-plans/${planId}/values/import`, {
      csv: [
        'partner,indicator,value,source,period',
        'Hull City Council,population,999999,ONS,2022', // row 2: good, but not imported
        'Grimsby Town Council,population,1000,ONS,2021', // row 3
        'Hull City Council,knife crime,12,Police,2022-23', // row 4
        'North Lincolnshire Council,crime,,Police,2022-23', // row 5
        'North Lincolnshire Council,asb,-3,Police,2022-23', // row 6
        'North East Lincolnshire Council,asb,n/a,Police,2022-23', // row 7
        'hull city council,Population,1,ONS,2022', // row 8
        'East Riding of Yorkshire Council,crime,18000,,', // row 9
      ].join('\r\n'),
    });
    expect(res.status).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors).toEqual([
      {
        field: 'rows.3.partner',
        message: 'Row 3: “Grimsby Town Council” is not a partner in this plan',
      },
      {
        field: 'rows.4.indicator',
        message: 'Row 4: “knife crime” is not an indicator in this plan',
      },
      { field: 'rows.5.value', message: 'Row 5: Enter the value' },
      { field: 'rows.6.value', message: 'Row 6: The value must be 0 or more' },
      { field: 'rows.7.value', message: 'Row 7: “n/a” is not a number, like 325000 or 23.4' },
      {
        field: 'rows.8.indicator',
        message:
          'Row 8: Hull City Council already has a Population value (row 2): give each partner one value per indicator',
      },
      {
        field: 'rows.9.source',
        message: 'Row 9: Enter where the figure comes from, like ONS mid-year estimates',
      },
      {
        field: 'rows.9.period',
        message: 'Row 9: Enter the period the figure covers, like 2022-23',
      },
    ]);
    const headerless = await officer.post(`${API}/allocation-plans/${planId}/values/import`, {
      csv: 'Hull City Council,population,1,ONS,2021\n',
    });
    expect(headerless.status).toBe(422);
    expect(headerless.json().errors[0].field).toBe('rows.1.partner');
    const typed = await officer.post(`${API}/allocation-plans/${planId}/values`, {
      values: [
        {
          partner: councils[0].id,
          indicator: 'population',
          value: 267000,
          source: 'ONS',
          period: '2021',
        },
      ],
    });
    expect(typed.status).toBe(422);
    expect(typed.json().errors[0].field).toBe('values.0.value');
    expect(await written()).toEqual(before);
  });

  it('keeps the plan to officers, and its reading to the office', async () => {
    const before = await written();
    const reads = [
      `${API}/allocation-plans/${planId}`,
      `${API}/rounds/${round.id}/allocation-plan`,
    ];
    for (const path of reads) {
      for (const [who, client] of Object.entries({ officer, admin, decider, finance }))
        expect({ path, who, status: (await client.get(path)).status }).toEqual({
          path,
          who,
          status: 200,
        });
      expect({ path, status: (await assessor.get(path)).status }).toEqual({ path, status: 403 });
      for (const client of [applicant, anonymous])
        expect({ path, status: (await client.get(path)).status }).toEqual({ path, status: 401 });
    }
    const preview = `${API}/allocation-plans/${planId}/preview`;
    expect((await assessor.post(preview, {})).status).toBe(403);
    expect((await applicant.post(preview, {})).status).toBe(401);
    const writes: [string, string, unknown][] = [
      ['POST', `${API}/rounds/${scoredRound.id}/allocation-plan`, {}],
      ['PATCH', `${API}/allocation-plans/${planId}`, { potPence: 1000 }],
      ['PUT', `${API}/allocation-plans/${planId}/partners`, { organisationIds: [councils[0].id] }],
      [
        'PUT',
        `${API}/allocation-plans/${planId}/indicators`,
        { indicators: [{ key: 'x', label: 'X', weight: 1 }] },
      ],
      ['POST', `${API}/allocation-plans/${planId}/values/import`, { csv: CSV }],
      [
        'POST',
        `${API}/allocation-plans/${planId}/publish`,
        { title: 'T', summary: 'S', declarations: 'None' },
      ],
    ];
    for (const [method, path, json] of writes) {
      // Officers prepare the plan; the decision maker alone publishes it.
      const others = path.endsWith('/publish') ? { officer, admin } : { decider };
      for (const [who, client] of Object.entries({ ...others, finance, assessor }))
        expect({
          path,
          who,
          status: (await client.request(method, path, { json })).status,
        }).toEqual({
          path,
          who,
          status: 403,
        });
      for (const client of [applicant, anonymous])
        expect({ path, status: (await client.request(method, path, { json })).status }).toEqual({
          path,
          status: 401,
        });
    }
    expect(await written()).toEqual(before);
  });

  it('publishes the allocations as a numbered decision record, stored as published', async () => {
    const missingText = await decider.post(`${API}/allocation-plans/${planId}/publish`, {
      title: ' ',
      summary: 'Shares the pot',
      declarations: 'None',
    });
    expect([missingText.status, missingText.json().errors[0].field]).toEqual([422, 'title']);

    // Two decision makers publish at once: one publishes, the other is told it has been.
    const text = {
      title: 'Community Safety Partnership allocations 2023-24',
      summary: 'The £500,000 pot shared between the four councils by population, crime and ASB.',
      declarations: 'None',
    };
    const both = await Promise.all([
      decider.post(`${API}/allocation-plans/${planId}/publish`, text),
      deputy.post(`${API}/allocation-plans/${planId}/publish`, text),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const res = both.find((r) => r.status === 200)!;
    expect(both.find((r) => r.status === 409)!.json().code).toBe('allocation_already_published');
    expect(res.status).toBe(200);
    const plan = res.json();
    expect(plan.status).toBe('published');
    expect(plan.decisionRecordNumber).toMatch(/^DR-\d{4}-\d{3}$/);
    expect(
      plan.allocations.map((a: { name: string; amountPence: number }) => [a.name, a.amountPence]),
    ).toEqual(COUNCILS.map((name, i) => [name, HAND_COMPUTED[i]]));
    expect(plan.allocations[2].breakdown[2]).toMatchObject({
      key: 'asb',
      value: '2500.0',
      sharePercent: '16.67',
      contributionPence: 1_666_667,
    });
    const records = await ctx.dataSource.query(
      `SELECT number, round_id, total_awarded_pence, awards_count, published_at FROM decision_records`,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toEqual({
      number: plan.decisionRecordNumber,
      round_id: round.id,
      total_awarded_pence: '50000000',
      awards_count: 4,
      published_at: null,
    });
    const stored = await ctx.dataSource.query(
      `SELECT organisation_id, amount_pence FROM partner_allocations WHERE plan_id = $1 ORDER BY position`,
      [planId],
    );
    expect(stored).toEqual(
      councils.map((c, i) => ({ organisation_id: c.id, amount_pence: String(HAND_COMPUTED[i]) })),
    );
    const [event] = await ctx.dataSource.query(
      `SELECT actor_type, after FROM audit_events WHERE action = 'allocation-plan.published' AND subject_id = $1`,
      [planId],
    );
    expect(event.actor_type).toBe('staff');
    expect(event.after).toMatchObject({ status: 'published', record: plan.decisionRecordNumber });
  });

  it('refuses to publish twice or change a published plan, and keeps what was published', async () => {
    const before = await written();
    const twice = await decider.post(`${API}/allocation-plans/${planId}/publish`, {
      title: 'Again',
      summary: 'Again',
      declarations: 'None',
    });
    expect([twice.status, twice.json().code]).toEqual([409, 'allocation_already_published']);
    const edits = [
      officer.patch(`${API}/allocation-plans/${planId}`, { potPence: 40_000_000 }),
      put(officer, `${API}/allocation-plans/${planId}/partners`, {
        organisationIds: councils.slice(0, 2).map((c) => c.id),
      }),
      put(officer, `${API}/allocation-plans/${planId}/indicators`, {
        indicators: [{ key: 'population', label: 'Population', weight: 1 }],
      }),
      officer.post(`${API}/allocation-plans/${planId}/values`, {
        values: [
          {
            partner: 'Hull City Council',
            indicator: 'population',
            value: '1',
            source: 'ONS',
            period: '2021',
          },
        ],
      }),
      officer.post(`${API}/allocation-plans/${planId}/values/import`, { csv: CSV }),
    ];
    for (const res of await Promise.all(edits))
      expect([res.status, res.json().code]).toEqual([409, 'allocation_published']);
    expect(await written()).toEqual(before);

    // A council renamed afterwards: the published allocation keeps the name it was published with.
    await ctx.dataSource.query(`UPDATE organisations SET name = 'Hull CC' WHERE id = $1`, [
      councils[0].id,
    ]);
    const read = await decider.get(`${API}/allocation-plans/${planId}`);
    expect(read.json().allocations[0]).toMatchObject({
      name: 'Hull City Council',
      amountPence: HAND_COMPUTED[0],
    });
  });
});
