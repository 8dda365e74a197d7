import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AllocationReportService,
  AllocationsModule,
  AllocationsService,
} from '@grants/allocations';
import { SYSTEM_ACTOR } from '@grants/core';
import { jest } from '@jest/globals';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import {
  ALLOCATIONS,
  createSpentAllocation,
  PAID,
  PROJECTS,
  SpentAllocation,
} from '../factories/allocation-spend.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { COUNCILS, createAllocationRound } from '../factories/humberside-allocation.factory';
import { CRF } from '../factories/round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

const FIXTURES = join(process.cwd(), 'test/fixtures/360giving');

/** The 360Giving package schema with the grant schema it refers to, from the fixtures. */
function packageValidator() {
  const schema = (name: string) => {
    const { $schema: _dialect, ...rest } = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
    return rest as Record<string, unknown>;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const grant = schema('360-giving-schema.json');
  ajv.addSchema(grant);
  ajv.addSchema({
    ...grant,
    $id: 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json',
  });
  return ajv.compile(schema('360-giving-package-schema.json'));
}

/** The rows of a table on the page, each as its text. */
function tableRows(html: string, tableId: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html);
  if (!table) return [];
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table[0])?.[0] ?? '';
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => pageText(m[0]).trim());
}

/*
 * The Humberside figures by hand. The pot's parts: population 50% = £250,000.00, crime 30% =
 * £150,000.00, ASB 20% = £100,000.00. Population shares 267, 342, 170 and 157 of 936 thousand:
 * 7,131,410.26, 9,134,615.38, 4,540,598.29 and 4,193,376.07 pence, whole pence 24,999,999 and
 * the penny left to East Riding (.38). Crime 30,000, 18,000, 14,000, 18,000 of 80,000 and ASB
 * 6,000, 3,000, 2,500, 3,500 of 15,000 (North Lincolnshire's .67 takes the penny over North
 * East Lincolnshire's .33). Hull's three add up to its allocation; East Riding's to a penny more
 * (the allocation rounds once, the breakdown per indicator).
 */
const BREAKDOWN = [
  { shares: ['28.53', '37.50', '40.00'], pence: [7_131_410, 5_625_000, 4_000_000] },
  { shares: ['36.54', '22.50', '20.00'], pence: [9_134_616, 3_375_000, 2_000_000] },
  { shares: ['18.16', '17.50', '16.67'], pence: [4_540_598, 2_625_000, 1_666_667] },
  { shares: ['16.77', '22.50', '23.33'], pence: [4_193_376, 3_375_000, 2_333_333] },
];
const HULL_APPROVED = PROJECTS.anpr.approved + PROJECTS.sos.approved; // 3,750,050
const SPEND = [
  { approved: HULL_APPROVED, paid: PAID, released: 0, unspent: 16_756_410 - HULL_APPROVED },
  { approved: 4_000_000, paid: 0, released: 0, unspent: 10_509_615 },
  { approved: 0, paid: 0, released: 8_832_265, unspent: 0 },
  { approved: 0, paid: 0, released: 0, unspent: 9_901_710 },
];
const TOTALS = {
  allocationPence: 50_000_000,
  approvedPence: 7_750_050,
  paidPence: 312_513,
  releasedPence: 8_832_265,
  unspentPence: 33_417_685,
};

describe('the allocation report, the allocations’ public record and 360Giving', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let spent: SpentAllocation;
  let draftPlanId: string;
  let officerPages: HttpClient;
  let financePages: HttpClient;
  let assessorPages: HttpClient;
  let api: Record<'officer' | 'admin' | 'decider' | 'finance' | 'assessor', HttpClient>;
  const base = () => `/staff/rounds/${spent.round.id}/allocation`;
  const reportPath = (planId: string) => `/api/v1/staff/allocation-plans/${planId}/report`;

  beforeAll(async () => {
    ctx = await createTestContext({ modules: [AllocationsModule] });
    spent = await createSpentAllocation(ctx);
    const draftRound = await createAllocationRound(ctx, CRF.slug, 'CSP2');
    draftPlanId = (
      await ctx.get(AllocationsService).create(SYSTEM_ACTOR, draftRound.id, {
        potPence: 1_000_000,
      })
    ).id;
    server = await startServer({ env: { SIGN_IN_ATTEMPTS_PER_MINUTE: '1000' } });
    const staff = async (role: Parameters<typeof createStaff>[1]) => {
      const user = await createStaff(ctx, role);
      return {
        pages: await signedInStaff(server.baseUrl, user),
        api: new HttpClient(server.baseUrl).withBearer(await bearerFor(server.baseUrl, user.email)),
      };
    };
    const officer = await staff('grants-officer');
    const admin = await staff('admin');
    const decider = await staff('decision-maker');
    const finance = await staff('finance');
    const assessor = await staff('assessor');
    officerPages = officer.pages;
    financePages = finance.pages;
    assessorPages = assessor.pages;
    api = {
      officer: officer.api,
      admin: admin.api,
      decider: decider.api,
      finance: finance.api,
      assessor: assessor.api,
    };
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('reports each partner’s allocation, breakdown, approved projects and spend, to the penny', async () => {
    const report = await ctx.get(AllocationReportService).report(spent.planId);
    expect(report.decisionRecordNumber).toBe(spent.recordNumber);
    expect(report.potPence).toBe(50_000_000);
    expect(report.indicators.map((i) => [i.key, i.weight, i.partPence])).toEqual([
      ['population', 50, 25_000_000],
      ['crime', 30, 15_000_000],
      ['asb', 20, 10_000_000],
    ]);
    expect(report.partners.map((p) => p.name)).toEqual(COUNCILS);
    report.partners.forEach((p, i) => {
      expect(p.organisationId).toBe(spent.councils[i].id);
      expect(p.allocationPence).toBe(ALLOCATIONS[i]);
      expect(p.indicators.map((s) => s.sharePercent)).toEqual(BREAKDOWN[i].shares);
      expect(p.indicators.map((s) => s.contributionPence)).toEqual(BREAKDOWN[i].pence);
      expect({
        approved: p.approvedPence,
        paid: p.paidPence,
        released: p.releasedPence,
        unspent: p.unspentPence,
      }).toEqual(SPEND[i]);
      // Spend against allocation always reconciles to the allocation.
      expect(p.approvedPence + p.releasedPence + p.unspentPence).toBe(p.allocationPence);
    });
    expect(report.partners[0].indicators[0]).toMatchObject({
      label: 'Population',
      value: '267000',
      source: 'ONS mid-2021 estimates',
      period: '2021',
    });
    expect(report.partners[0].projects).toEqual([
      expect.objectContaining({
        reference: spent.references.anpr,
        title: PROJECTS.anpr.title,
        approvedPence: 1_250_000,
        paidPence: PAID,
        awardStatus: 'accepted',
      }),
      expect.objectContaining({
        reference: spent.references.sos,
        approvedPence: 2_500_050,
        paidPence: 0,
        awardStatus: 'offered',
      }),
    ]);
    expect(report.partners[1].projects.map((p) => [p.reference, p.approvedPence])).toEqual([
      [spent.references.atv, 4_000_000],
    ]);
    // A declined project is no approved project.
    expect(report.partners[2].projects).toEqual([]);
    expect(report.totals).toEqual(TOTALS);
    expect(TOTALS.approvedPence + TOTALS.releasedPence + TOTALS.unspentPence).toBe(report.potPence);
  });

  it('serves the report over the API to the office only, and only once published', async () => {
    const expected = JSON.parse(
      JSON.stringify(await ctx.get(AllocationReportService).report(spent.planId)),
    );
    for (const client of [api.officer, api.admin, api.decider, api.finance]) {
      const res = await client.get(reportPath(spent.planId));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.json()).toEqual(expected);
    }
    expect((await api.assessor.get(reportPath(spent.planId))).status).toBe(403);
    const anonymous = await new HttpClient(server.baseUrl).get(reportPath(spent.planId));
    expect(anonymous.status).toBe(401);
    const draft = await api.officer.get(reportPath(draftPlanId));
    expect([draft.status, draft.json().code]).toEqual([409, 'allocation_not_published']);
    const unknown = await api.officer.get(reportPath('00000000-0000-4000-8000-000000000000'));
    expect(unknown.status).toBe(404);
  });

  it('shows the report page with its chart and table, linked from the plan', async () => {
    const plan = await officerPages.getPage(base());
    expect(plan.text).toContain(`href="${base()}/report"`);
    const page = await officerPages.getPage(`${base()}/report`);
    expect(page.status).toBe(200);
    expect(tableRows(page.text, 'spend')).toEqual([
      'Hull City Council £167,564.10 £37,500.50 £3,125.13 £0.00 £130,063.60',
      'East Riding of Yorkshire Council £145,096.15 £40,000.00 £0.00 £0.00 £105,096.15',
      'North Lincolnshire Council £88,322.65 £0.00 £0.00 £88,322.65 £0.00',
      'North East Lincolnshire Council £99,017.10 £0.00 £0.00 £0.00 £99,017.10',
      'Total £500,000.00 £77,500.50 £3,125.13 £88,322.65 £334,176.85',
    ]);
    expect(tableRows(page.text, 'partner-1-indicators')).toEqual([
      'Population 50 267000 ONS mid-2021 estimates, 2021 28.53% £71,314.10',
      'Total recorded crime 30 30000 Humberside Police, 2022-23 37.50% £56,250.00',
      'Anti-social behaviour incidents 20 6000 Humberside Police, 2022-23 40.00% £40,000.00',
    ]);
    expect(tableRows(page.text, 'partner-1-projects')).toEqual([
      `${spent.references.anpr} ${PROJECTS.anpr.title} Accepted £12,500.00 £3,125.13`,
      `${spent.references.sos} ${PROJECTS.sos.title} Offered £25,000.50 £0.00`,
    ]);
    expect(page.text).toContain('id="partner-3-no-projects"');
    // The chart: an SVG image with its title and description, and the same figures as a table.
    const svg = /<svg role="img"[\s\S]*?<\/svg>/.exec(page.text)?.[0] ?? '';
    expect(svg).toContain('aria-labelledby="chart-spend-title chart-spend-desc"');
    expect(svg.match(/<rect /g)).toHaveLength(12);
    expect(pageText(svg)).toContain('£37,500.50 approved');
    expect(pageText(svg)).toContain('£3,125.13 paid');
    expect(tableRows(page.text, 'chart-spend-table')[0]).toBe(
      'Hull City Council £167,564.10 £37,500.50 £3,125.13',
    );

    expect((await financePages.getPage(`${base()}/report`)).status).toBe(200);
    expect((await assessorPages.getPage(`${base()}/report`)).status).toBe(403);
    expect((await new HttpClient(server.baseUrl).getPage(`${base()}/report`)).status).toBe(303);
  });

  it('downloads the report as spreadsheet-safe CSV that adds up', async () => {
    const res = await officerPages.get(`${base()}/report.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="CSP-allocation-report.csv"',
    );
    // (fetch drops the byte order mark the file starts with, as a spreadsheet does.)
    const rows: Record<string, string>[] = parse(res.text, { bom: true, columns: true });
    const allocations = rows.filter((r) => r.Line === 'Allocation');
    expect(allocations.map((r) => [r.Partner, r['Allocation (£)'], r['Unspent (£)']])).toEqual([
      ['Hull City Council', '167564.10', '130063.60'],
      ['East Riding of Yorkshire Council', '145096.15', '105096.15'],
      ['North Lincolnshire Council', '88322.65', '0.00'],
      ['North East Lincolnshire Council', '99017.10', '99017.10'],
    ]);
    const indicators = rows.filter((r) => r.Line === 'Indicator' && r.Partner === COUNCILS[1]);
    expect(indicators.map((r) => [r.Item, r['Share (%)'], r['Allocation (£)']])).toEqual([
      ['Population', '36.54', '91346.16'],
      ['Total recorded crime', '22.50', '33750.00'],
      ['Anti-social behaviour incidents', '20.00', '20000.00'],
    ]);
    const projects = rows.filter((r) => r.Line === 'Project');
    expect(projects.map((r) => [r.Item, r['Approved (£)'], r['Paid (£)']])).toEqual([
      [spent.references.anpr, '12500.00', '3125.13'],
      [spent.references.sos, '25000.50', '0.00'],
      [spent.references.atv, '40000.00', '0.00'],
    ]);
    const total = rows.find((r) => r.Line === 'Total')!;
    expect([
      total['Allocation (£)'],
      total['Approved (£)'],
      total['Paid (£)'],
      total['Released (£)'],
      total['Unspent (£)'],
    ]).toEqual(['500000.00', '77500.50', '3125.13', '88322.65', '334176.85']);
    expect((await assessorPages.get(`${base()}/report.csv`)).status).toBe(403);
  });

  it('keeps the round report working for an allocation round', async () => {
    const page = await officerPages.getPage(`/staff/rounds/${spent.round.id}/report`);
    expect(page.status).toBe(200);
    const csv = await officerPages.get(`/staff/rounds/${spent.round.id}/report.csv`);
    expect(csv.status).toBe(200);
    const figures: string[][] = parse(csv.text.replace(/^\uFEFF/, ''));
    const figure = (section: string, name: string) =>
      figures.find((f) => f[0] === section && f[1] === name)?.slice(2);
    // The three approved projects are the round's grants, their commitments its spend.
    expect(figure('Awards', 'Grants awarded')).toEqual(['3', '']);
    expect(figure('Awards', 'Amount awarded')).toEqual(['7750050', '77500.50']);
  });

  it('publishes the allocations’ record from the plan page, and the public page shows partners and projects', async () => {
    const recordPath = `/decisions/${spent.recordNumber}`;
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.getPage(recordPath)).status).toBe(404);
    const before = (await anonymous.get('/api/v1/open-data/360giving.json')).json();
    expect(before.grants).toEqual([]);

    // The finance team reads the plan but cannot publish; an assessor cannot even post.
    const financeView = await financePages.getPage(base());
    expect(pageText(financeView.text)).toContain(`${spent.recordNumber} is not public yet`);
    expect(financeView.text).not.toContain('id="publish-record"');
    expect((await financePages.postForm(`${base()}/publish-record`, {})).status).toBe(403);
    expect((await anonymous.getPage(recordPath)).status).toBe(404);

    const plan = await officerPages.getPage(base());
    expect(plan.text).toContain('id="publish-record"');
    const published = await officerPages.postForm(`${base()}/publish-record`, {});
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`${base()}?done=record-published`);
    const after = pageText((await officerPages.getPage(`${base()}?done=record-published`)).text);
    expect(after).toContain(`Decision record ${spent.recordNumber} was published on`);
    const audit: { n: number }[] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'decision-record.published' AND after->>'number' = $1`,
      [spent.recordNumber],
    );
    expect(audit[0].n).toBe(1);
    // Publishing again changes nothing.
    expect((await officerPages.postForm(`${base()}/publish-record`, {})).status).toBe(303);
    const again: { n: number }[] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'decision-record.published'`,
    );
    expect(again[0].n).toBe(1);

    const page = await anonymous.getPage(recordPath);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain('Total allocated to partners £500,000.00');
    expect(text).not.toContain('grants awarded');
    expect(tableRows(page.text, 'allocations')).toEqual([
      'Hull City Council 33.51% £167,564.10',
      'East Riding of Yorkshire Council 29.02% £145,096.15',
      'North Lincolnshire Council 17.66% £88,322.65',
      'North East Lincolnshire Council 19.80% £99,017.10',
      'Total £500,000.00',
    ]);
    expect(tableRows(page.text, 'projects')).toEqual([
      `${spent.references.atv} East Riding of Yorkshire Council ${PROJECTS.atv.title} £40,000.00`,
      `${spent.references.sos} Hull City Council ${PROJECTS.sos.title} £25,000.50`,
      `${spent.references.anpr} Hull City Council ${PROJECTS.anpr.title} £12,500.00`,
      'Total £77,500.50',
    ]);
  });

  it('puts the approved projects in the 360Giving JSON and CSV, with the partner as recipient', async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const PREFIX = ctx.config.OPEN_DATA_PREFIX;
    const pack = (await anonymous.get('/api/v1/open-data/360giving.json')).json();
    const validate = packageValidator();
    expect(validate(pack)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const grant = (reference: string) =>
      pack.grants.find((g: { id: string }) => g.id === `${PREFIX}-${reference}`);
    // Approved projects only: the declined one is no grant, the allocations themselves neither.
    expect(pack.grants).toHaveLength(3);
    expect(grant(spent.references.bystander)).toBeUndefined();
    const expected = [
      [spent.references.anpr, 0, 12500, 12500],
      [spent.references.sos, 0, 25000.5, 30000],
      [spent.references.atv, 1, 40000, 40000],
    ] as const;
    for (const [reference, partner, awarded, asked] of expected)
      expect(grant(reference)).toMatchObject({
        amountAwarded: awarded,
        amountAppliedFor: asked,
        recipientOrganization: [
          { id: `${PREFIX}-org-${spent.councils[partner].id}`, name: COUNCILS[partner] },
        ],
        grantProgramme: [{ code: expect.any(String), title: spent.round.title }],
        url: expect.stringMatching(new RegExp(`/decisions/${spent.recordNumber}$`)),
      });

    const csv = await anonymous.get('/api/v1/open-data/360giving.csv');
    const rows: Record<string, string>[] = parse(csv.text.replace(/^\uFEFF/, ''), {
      columns: true,
    });
    expect(
      rows
        .map((r) => [
          r.Identifier,
          r['Amount Awarded'],
          r['Recipient Org:Name'],
          r['Grant Programme:Title'],
        ])
        .sort(),
    ).toEqual(
      [
        [`${PREFIX}-${spent.references.anpr}`, '12500.00', COUNCILS[0], spent.round.title],
        [`${PREFIX}-${spent.references.atv}`, '40000.00', COUNCILS[1], spent.round.title],
        [`${PREFIX}-${spent.references.sos}`, '25000.50', COUNCILS[0], spent.round.title],
      ].sort(),
    );
  });
});
