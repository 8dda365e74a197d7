import { GrantRound, RoundsService } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import { SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import { createApplicant, lastSignInCode } from '../factories/application.factory';
import {
  COUNCILS,
  createAllocationRound,
  createCouncils,
  HAND_COMPUTED,
  HUMBERSIDE_CSV,
  INDICATORS,
  POPULATION_ONLY,
  POPULATION_ONLY_CHANGE,
} from '../factories/humberside-allocation.factory';
import { CRF, createFund, diversionInput } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { errorLinks, pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

/** The amounts in pounds in each row's text. */
const amounts = (rows: string[]) => rows.map((r) => /£[\d,]+\.\d\d/.exec(r)?.[0]);

/** The rows of a table on the page, each as its text. */
function tableRows(html: string, tableId: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html);
  if (!table) return [];
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table[0])?.[0] ?? '';
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => pageText(m[0]).trim());
}

describe('the allocation plan pages over HTTP', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;
  let scored: GrantRound;
  let councils: Organisation[];
  let charity: Organisation;
  let officer: HttpClient;
  let admin: HttpClient;
  let decider: HttpClient;
  let finance: HttpClient;
  let assessor: HttpClient;
  let applicant: HttpClient;
  const base = () => `/staff/rounds/${round.id}/allocation`;

  /** Everything the pages could write, to show a refusal (or a what-if) changed nothing. */
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

  async function signInApplicant(email: string): Promise<HttpClient> {
    const client = new HttpClient(server.baseUrl);
    await client.getPage('/sign-in');
    const asked = await client.postForm('/sign-in', { email });
    expect(asked.status).toBe(303);
    await client.getPage(asked.headers.get('location')!);
    const code = await lastSignInCode(ctx.dataSource, email);
    expect((await client.postForm('/sign-in/code', { code })).status).toBe(303);
    return client;
  }

  /** The indicator rows of the form as a browser posts them. */
  function indicatorForm(rows: { key: string; label: string; weight: string }[]) {
    return Object.fromEntries(
      rows.flatMap((r, i) => [
        [`indicators-${i}-key`, r.key],
        [`indicators-${i}-label`, r.label],
        [`indicators-${i}-weight`, r.weight],
      ]),
    );
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CRF);
    round = await createAllocationRound(ctx, CRF.slug);
    scored = await ctx
      .get(RoundsService)
      .create(CRF.slug, diversionInput({ code: 'DIV' }), SYSTEM_ACTOR);
    ({ councils, charity } = await createCouncils(ctx));
    const grantee = await createApplicant(ctx);
    server = await startServer({
      env: { EMAIL_SENDS_PER_HOUR: '1000', SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' },
    });
    officer = await signedInStaff(server.baseUrl, await createStaff(ctx, 'grants-officer'));
    admin = await signedInStaff(server.baseUrl, await createStaff(ctx, 'admin'));
    decider = await signedInStaff(server.baseUrl, await createStaff(ctx, 'decision-maker'));
    finance = await signedInStaff(server.baseUrl, await createStaff(ctx, 'finance'));
    assessor = await signedInStaff(server.baseUrl, await createStaff(ctx, 'assessor'));
    applicant = await signInApplicant(grantee.email);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('links an allocation round to its plan, and has no plan page for any other round', async () => {
    const show = await officer.getPage(`/staff/rounds/${round.id}`);
    expect(show.text).toContain(`href="${base()}"`);
    expect(pageText(show.text)).toContain('Shared between partners by a formula');
    // The round's own page (a preview for staff while a draft) says how the money is shared.
    const publicPage = pageText((await officer.getPage(`/rounds/${round.id}`)).text);
    expect(publicPage).toContain('shared between the partner organisations');
    expect(publicPage).not.toContain('shortlisted');
    expect((await officer.getPage(`/staff/rounds/${scored.id}`)).text).not.toContain(
      '/allocation"',
    );
    const other = await officer.getPage(`/staff/rounds/${scored.id}/allocation`);
    expect(other.status).toBe(404);
    const first = await decider.getPage(base());
    expect(first.status).toBe(200);
    expect(pageText(first.text)).toContain('have not started this round');
    expect(first.text).not.toContain('Start the plan');
  });

  it('refuses a bad start form field by field and writes nothing', async () => {
    const page = await officer.getPage(base());
    expect(page.text).toMatch(/id="pot"[^>]*value="600,000.00"/);
    const before = await written();
    const bad = await officer.postForm(base(), { pot: 'lots', floor: '-5', cap: '' });
    expect(bad.status).toBe(422);
    expect(errorLinks(bad.text)).toEqual([
      ['#pot', 'The pot must be in pounds, like £1,250 or £1,250.50'],
      ['#floor', 'The minimum allocation must be more than £0'],
    ]);
    expect(bad.text).toMatch(/id="pot"[^>]*value="lots"/);
    const over = await officer.postForm(base(), { pot: '600,000.01', floor: '', cap: '' });
    expect(over.status).toBe(422);
    expect(errorLinks(over.text)).toEqual([
      ['#pot', "The pot cannot be more than the round's budget (£600,000.00)"],
    ]);
    const limits = await officer.postForm(base(), {
      pot: '500000',
      floor: '200,000',
      cap: '100000',
    });
    expect(limits.status).toBe(422);
    expect(errorLinks(limits.text)).toEqual([
      [
        '#floor',
        'The minimum allocation (£200,000.00) cannot be more than the maximum (£100,000.00)',
      ],
    ]);
    expect(await written()).toEqual(before);
  });

  it('sets the Humberside plan up through the pages, with field errors for bad forms', async () => {
    const created = await officer.postForm(base(), { pot: '£500,000', floor: '', cap: '' });
    expect([created.status, created.headers.get('location')]).toEqual([
      303,
      `${base()}?done=created`,
    ]);

    // Partners: the councils the round is for, not the charity.
    const partnersPage = await officer.getPage(`${base()}/partners`);
    expect(partnersPage.status).toBe(200);
    for (const c of councils) expect(partnersPage.text).toContain(`value="${c.id}"`);
    expect(partnersPage.text).not.toContain(charity.id);
    const none = await officer.postForm(`${base()}/partners`, {});
    expect(errorLinks(none.text)).toEqual([['#organisationIds', 'Choose at least one partner']]);
    const saved = await officer.postForm(`${base()}/partners`, {
      organisationIds: councils.map((c) => c.id),
    });
    expect(saved.status).toBe(303);

    // Indicators: each bad box gets its message; nothing is written.
    await officer.getPage(`${base()}/indicators`);
    const before = await written();
    const badIndicators = await officer.postForm(
      `${base()}/indicators`,
      indicatorForm([
        { key: '', label: 'Population', weight: 'half' },
        { key: 'Crime!', label: 'Crime', weight: '30' },
        { key: '', label: '', weight: '' },
        { key: 'asb', label: 'population', weight: '20' },
      ]),
    );
    expect(badIndicators.status).toBe(422);
    expect(errorLinks(badIndicators.text)).toEqual([
      [
        '#indicators-0-weight',
        'The weight of Population must be a whole number from 0 to 1,000,000',
      ],
    ]);
    const badKeys = await officer.postForm(
      `${base()}/indicators`,
      indicatorForm([
        { key: '', label: 'Population', weight: '50' },
        { key: 'crime!', label: 'Crime', weight: '30' },
        { key: '', label: '', weight: '' },
        { key: 'asb', label: 'population', weight: '20' },
      ]),
    );
    expect(badKeys.status).toBe(422);
    expect(errorLinks(badKeys.text).map(([href]) => href)).toEqual([
      '#indicators-1-key',
      '#indicators-3-label',
    ]);
    expect(await written()).toEqual(before);
    const indicators = await officer.postForm(`${base()}/indicators`, indicatorForm(INDICATORS));
    expect(indicators.status).toBe(303);

    // Values typed in: a negative one is refused on its own box, said with its partner.
    const valuesPage = await officer.getPage(`${base()}/values`);
    expect(valuesPage.status).toBe(200);
    const hullPopulation = `v-${councils[0].id}-population`;
    expect(valuesPage.text).toContain(`id="${hullPopulation}-value"`);
    const afterSetUp = await written();
    const negative = await officer.postForm(`${base()}/values`, {
      [`${hullPopulation}-value`]: '-3',
      [`${hullPopulation}-source`]: 'ONS',
      [`${hullPopulation}-period`]: '2021',
    });
    expect(negative.status).toBe(422);
    expect(errorLinks(negative.text)).toEqual([
      [`#${hullPopulation}-value`, 'Hull City Council, Population: The value must be 0 or more'],
    ]);
    expect(negative.text).toMatch(new RegExp(`id="${hullPopulation}-value"[^>]*value="-3"`));

    // A CSV with problems: every row's problem, with its row number; nothing imported.
    const badCsv = await officer.postForm(`${base()}/values/import`, {
      csv: [
        'partner,indicator,value,source,period',
        'Hull City Council,population,267000,ONS,2021',
        'Grimsby Town Council,population,1000,ONS,2021',
        'Hull City Council,knife crime,12,Police,2022-23',
        'North Lincolnshire Council,asb,n/a,Police,2022-23',
      ].join('\n'),
    });
    expect(badCsv.status).toBe(422);
    expect(errorLinks(badCsv.text)).toEqual([
      ['#csv', 'Row 3: “Grimsby Town Council” is not a partner in this plan'],
      ['#csv', 'Row 4: “knife crime” is not an indicator in this plan'],
      ['#csv', 'Row 5: “n/a” is not a number, like 325000 or 23.4'],
    ]);
    expect(pageText(badCsv.text)).toContain(
      'The file has 3 problems, listed at the top of the page. Nothing was imported',
    );
    expect(badCsv.text).toContain('Grimsby Town Council,population,1000');
    expect(await written()).toEqual(afterSetUp);

    const imported = await officer.postForm(`${base()}/values/import`, { csv: HUMBERSIDE_CSV });
    expect([imported.status, imported.headers.get('location')]).toEqual([
      303,
      `${base()}?done=imported`,
    ]);
    // Typed over the import: only the changed box is sent, and the plan page shows the result.
    await officer.getPage(`${base()}/values`);
    const typed = await officer.postForm(`${base()}/values`, {
      [`${hullPopulation}-value`]: '267,000',
      [`${hullPopulation}-source`]: 'ONS mid-2021 estimates',
      [`${hullPopulation}-period`]: '2021',
    });
    expect(typed.status).toBe(303);
    const [event] = await ctx.dataSource.query(
      `SELECT after FROM audit_events WHERE action = 'allocation-plan.values-entered'`,
    );
    expect(event.after.values).toHaveLength(1);

    const plan = await officer.getPage(`${base()}?done=imported`);
    expect(pageText(plan.text)).toContain('12 of 12 entered');
    expect(tableRows(plan.text, 'allocations')).toEqual([
      `${COUNCILS[0]} ${HAND_COMPUTED[0]} 33.51% Not applied`,
      expect.stringMatching(new RegExp(`^${COUNCILS[1]} £145,096\\.15 `)),
      expect.stringMatching(new RegExp(`^${COUNCILS[2]} £88,322\\.65 `)),
      expect.stringMatching(new RegExp(`^${COUNCILS[3]} £99,017\\.10 `)),
      'Total £500,000.00',
    ]);
  });

  it('shows the Humberside figures to the penny on the what-if page, and stores nothing', async () => {
    const before = await written();
    const stored = await finance.getPage(`${base()}/what-if`);
    expect(stored.status).toBe(200);
    expect(amounts(tableRows(stored.text, 'allocations'))).toEqual([
      ...HAND_COMPUTED,
      '£500,000.00',
    ]);

    const whatIf = await decider.getPage(`${base()}/what-if?weight-crime=0&weight-asb=0`);
    expect(whatIf.status).toBe(200);
    const rows = tableRows(whatIf.text, 'allocations');
    COUNCILS.forEach((name, i) =>
      expect(rows[i]).toMatch(
        new RegExp(
          `^${name} ${HAND_COMPUTED[i]} ${POPULATION_ONLY[i]} ${POPULATION_ONLY_CHANGE[i]} \\d+\\.\\d\\d% Not applied$`,
        ),
      ),
    );
    expect(rows[4]).toBe('Total £500,000.00');
    expect(whatIf.text).toMatch(/id="weight-crime"[^>]*value="0"/);
    expect(whatIf.text).toMatch(/id="weight-population"[^>]*value="50"/);
    // The chart, with its text alternative and the same figures as a table beside it.
    expect(whatIf.text).toContain('<svg role="img" aria-labelledby="chart-allocations-title');
    expect(pageText(whatIf.text)).toContain(
      `With these weights the £500,000.00 pot gives: Hull City Council ${POPULATION_ONLY[0]}`,
    );
    expect(tableRows(whatIf.text, 'chart-allocations-table')).toContain(
      `Hull City Council: these weights ${POPULATION_ONLY[0]}`,
    );
    // Each partner's breakdown: value, source and period, share, and what it gives.
    expect(tableRows(whatIf.text, 'breakdown-partner-1')).toEqual([
      'Population 50 267,000 ONS mid-2021 estimates, 2021 28.53% £142,628.20',
      'Total recorded crime 0 30,000 Humberside Police, 2022-23 37.50% £0.00',
      'Anti-social behaviour incidents 0 6,000 Humberside Police, 2022-23 40.00% £0.00',
    ]);

    const bad = await decider.getPage(`${base()}/what-if?weight-crime=-1&weight-asb=lots`);
    expect(bad.status).toBe(422);
    expect(errorLinks(bad.text)).toEqual([
      [
        '#weight-crime',
        'The weight of Total recorded crime must be a whole number from 0 to 1,000,000',
      ],
      [
        '#weight-asb',
        'The weight of Anti-social behaviour incidents must be a whole number from 0 to 1,000,000',
      ],
    ]);
    expect(tableRows(bad.text, 'allocations')).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it('keeps the pages to the office, their forms to the officers, and refuses the rest', async () => {
    const before = await written();
    const readPages = [base(), `${base()}/what-if`];
    const writePages = ['settings', 'partners', 'indicators', 'values'].map(
      (p) => `${base()}/${p}`,
    );
    for (const path of [...readPages, ...writePages])
      for (const [who, client] of Object.entries({ officer, admin }))
        expect([path, who, (await client.getPage(path)).status]).toEqual([path, who, 200]);
    for (const path of readPages)
      for (const [who, client] of Object.entries({ decider, finance }))
        expect([path, who, (await client.getPage(path)).status]).toEqual([path, who, 200]);
    for (const path of writePages)
      for (const [who, client] of Object.entries({ decider, finance }))
        expect([path, who, (await client.getPage(path)).status]).toEqual([path, who, 403]);
    for (const path of [...readPages, ...writePages]) {
      expect([path, (await assessor.getPage(path)).status]).toEqual([path, 403]);
      const res = await applicant.getPage(path);
      expect([path, res.status]).toEqual([path, 303]);
      expect(res.headers.get('location')).toMatch(/^\/staff\/sign-in/);
    }
    // The officers' set-up buttons are not on a reader's page, nor the decision maker's publish
    // form on an officer's.
    const read = await finance.getPage(base());
    expect(read.text).not.toContain('/publish"');
    expect(read.text).not.toContain(`${base()}/settings`);
    expect((await decider.getPage(base())).text).not.toContain(`${base()}/settings`);
    expect((await officer.getPage(base())).text).not.toContain('/publish"');

    const posts: [string, Record<string, string | string[]>][] = [
      [base(), { pot: '1000' }],
      [`${base()}/settings`, { pot: '1000' }],
      [`${base()}/partners`, { organisationIds: [councils[0].id] }],
      [`${base()}/indicators`, indicatorForm([{ key: 'x', label: 'X', weight: '1' }])],
      [`${base()}/values/import`, { csv: HUMBERSIDE_CSV }],
      [`${base()}/publish`, { title: 'T', summary: 'S', declarations: 'None' }],
    ];
    for (const [path, form] of posts) {
      // Officers prepare the plan; the decision maker alone publishes it.
      const others = path.endsWith('/publish') ? { officer, admin } : { decider };
      for (const [who, client] of Object.entries({ ...others, finance, assessor })) {
        await client.getPage('/staff/rounds');
        expect([path, who, (await client.postForm(path, form)).status]).toEqual([path, who, 403]);
      }
      await applicant.getPage('/applications');
      const res = await applicant.postForm(path, form);
      expect([path, res.status, res.headers.get('location')]).toEqual([
        path,
        303,
        '/staff/sign-in',
      ]);
    }
    expect(await written()).toEqual(before);
  });

  it('publishes once as a numbered decision record, then shows it read-only and refuses edits', async () => {
    await decider.getPage(base());
    const before = await written();
    const blank = await decider.postForm(`${base()}/publish`, {
      title: ' ',
      summary: '',
      declarations: 'None',
    });
    expect(blank.status).toBe(422);
    expect(errorLinks(blank.text)).toEqual([
      ['#title', 'Enter a title for the decision record'],
      ['#summary', 'Enter a summary of the decision for the public record'],
    ]);
    expect(await written()).toEqual(before);

    const text = {
      title: 'Humberside community safety allocations 2023-24',
      summary: 'The £500,000 pot shared between the four councils by population, crime and ASB.',
      declarations: 'None',
    };
    const published = await decider.postForm(`${base()}/publish`, text);
    expect([published.status, published.headers.get('location')]).toEqual([
      303,
      `${base()}?done=published`,
    ]);
    const [record] = await ctx.dataSource.query(
      `SELECT number, total_awarded_pence FROM decision_records WHERE round_id = $1`,
      [round.id],
    );
    expect(record.total_awarded_pence).toBe('50000000');
    const page = await decider.getPage(`${base()}?done=published`);
    expect(pageText(page.text)).toContain(`Published as decision record ${record.number} on`);
    expect(amounts(tableRows(page.text, 'allocations'))).toEqual([...HAND_COMPUTED, '£500,000.00']);
    expect(tableRows(page.text, 'breakdown-partner-3')[2]).toBe(
      'Anti-social behaviour incidents 20 2,500 Humberside Police, 2022-23 16.67% £16,666.67',
    );
    const own = await decider.getPage(base());
    expect(own.text).not.toContain('/publish"');
    expect(own.text).not.toContain(`href="${base()}/partners"`);

    // Edits after: the set-up pages lead back to the plan; a form posted anyway is refused.
    const frozen = await written();
    const again = await decider.postForm(`${base()}/publish`, text);
    expect(again.status).toBe(409);
    expect(errorLinks(again.text)).toEqual([]);
    expect(pageText(again.text)).toContain('These allocations have already been published');
    const partnersPage = await officer.getPage(`${base()}/partners`);
    expect([partnersPage.status, partnersPage.headers.get('location')]).toEqual([303, base()]);
    for (const [path, form] of [
      [`${base()}/settings`, { pot: '400000', floor: '', cap: '' }],
      [`${base()}/partners`, { organisationIds: [councils[0].id] }],
      [`${base()}/indicators`, indicatorForm(INDICATORS.slice(0, 1))],
      [`${base()}/values/import`, { csv: HUMBERSIDE_CSV }],
    ] as [string, Record<string, string | string[]>][]) {
      const res = await officer.postForm(path, form);
      expect([path, res.status]).toEqual([path, 409]);
      expect(pageText(res.text)).toContain(
        'The allocations have been published as a recorded decision, so the plan can no longer change',
      );
    }
    expect(await written()).toEqual(frozen);
  });

  it('offers the allocation method on the round form and makes an allocation round with it', async () => {
    const form = await officer.getPage('/staff/rounds/new');
    expect(form.text).toMatch(/name="decisionMethod" type="radio" value="allocation"/);
    const res = await officer.postForm('/staff/rounds/new', {
      fundSlug: CRF.slug,
      code: 'CSP24',
      title: 'Community Safety Partnerships 2024-25',
      theme: 'Community safety',
      description: 'The pot shared between the partnerships by need.',
      'opensAt-day': '1',
      'opensAt-month': '4',
      'opensAt-year': '2031',
      'opensAt-time': '9am',
      'closesAt-day': '30',
      'closesAt-month': '4',
      'closesAt-year': '2031',
      'closesAt-time': '17:00',
      'budgetContributions-0-sourceName': 'Community Safety Fund',
      'budgetContributions-0-amount': '£400,000',
      maxGrant: '£200,000',
      minDurationMonths: '12',
      maxDurationMonths: '12',
      eligibleOrganisationTypes: 'local-authority',
      decisionMethod: 'allocation',
      recommendThresholdPercent: '70',
      reserveThresholdPercent: '60',
    });
    expect(res.status).toBe(303);
    const [made] = await ctx.dataSource.query(
      `SELECT id, decision_method, recommend_threshold_bp FROM grant_rounds WHERE code = 'CSP24'`,
    );
    expect(made).toMatchObject({ decision_method: 'allocation', recommend_threshold_bp: null });
    expect(res.headers.get('location')).toBe(`/staff/rounds/${made.id}?saved=created`);
    const plan = await officer.getPage(`/staff/rounds/${made.id}/allocation`);
    expect(plan.text).toMatch(/id="pot"[^>]*value="400,000.00"/);
  });
});
