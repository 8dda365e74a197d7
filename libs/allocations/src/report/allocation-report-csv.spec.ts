import { parse } from 'csv-parse/sync';
import type { AllocationReport, ReportPartner } from './allocation-report';
import { ALLOCATION_REPORT_COLUMNS, allocationReportCsv } from './allocation-report-csv';

const spend = (allocation: number, approved: number, paid: number, released: number) => ({
  allocationPence: allocation,
  approvedPence: approved,
  paidPence: paid,
  releasedPence: released,
  unspentPence: allocation - approved - released,
});

function partner(name: string, overrides: Partial<ReportPartner> = {}): ReportPartner {
  return {
    organisationId: '00000000-0000-4000-8000-000000000001',
    name,
    sharePercent: '60.00',
    formulaPence: 60_000,
    limitedBy: null,
    indicators: [
      {
        key: 'population',
        label: 'Population',
        weight: 1,
        value: '600',
        source: 'ONS',
        period: '2021',
        sharePercent: '60.00',
        contributionPence: 60_000,
      },
    ],
    projects: [],
    ...spend(60_000, 0, 0, 0),
    ...overrides,
  };
}

function report(partners: ReportPartner[]): AllocationReport {
  return {
    planId: 'p',
    roundId: 'r',
    roundCode: 'CSP',
    roundTitle: 'Allocations',
    fundName: 'Fund',
    decisionRecordNumber: 'DR-2023-001',
    publishedAt: new Date('2023-04-03T09:00:00Z'),
    potPence: 100_000,
    floorPence: null,
    capPence: null,
    indicators: [{ key: 'population', label: 'Population', weight: 1, partPence: 100_000 }],
    partners,
    totals: spend(100_000, 25_001, 10_000, 0),
  };
}

describe('allocationReportCsv', () => {
  const rows = (r: AllocationReport): Record<string, string>[] =>
    parse(allocationReportCsv(r), { columns: true });

  it('writes a line per allocation, indicator and project, and a total, in pounds from pence', () => {
    const csv = rows(
      report([
        partner('Hull City Council', {
          ...spend(60_000, 25_001, 10_000, 0),
          projects: [
            {
              applicationId: 'a',
              reference: 'CRF-CSP-0001',
              title: 'SOS help points',
              approvedPence: 25_001,
              paidPence: 10_000,
              awardStatus: 'accepted',
            },
          ],
        }),
        partner('North Lincolnshire Council', {
          sharePercent: '40.00',
          limitedBy: 'floor',
          ...spend(40_000, 0, 0, 0),
        }),
      ]),
    );
    expect(Object.keys(csv[0])).toEqual([...ALLOCATION_REPORT_COLUMNS]);
    expect(csv.map((r) => [r.Partner, r.Line, r.Item])).toEqual([
      ['Hull City Council', 'Allocation', ''],
      ['Hull City Council', 'Indicator', 'Population'],
      ['Hull City Council', 'Project', 'CRF-CSP-0001'],
      ['North Lincolnshire Council', 'Allocation', ''],
      ['North Lincolnshire Council', 'Indicator', 'Population'],
      ['All partners', 'Total', 'DR-2023-001'],
    ]);
    expect(csv[0]).toMatchObject({
      'Allocation (£)': '600.00',
      'Approved (£)': '250.01',
      'Paid (£)': '100.00',
      'Unspent (£)': '349.99',
    });
    expect(csv[2]).toMatchObject({
      Detail: 'SOS help points (Accepted)',
      'Approved (£)': '250.01',
    });
    expect(csv[3].Detail).toBe('raised to the minimum');
    expect(csv[5]).toMatchObject({ Detail: 'Pot 1000.00', 'Allocation (£)': '1000.00' });
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    const csv = rows(
      report([
        partner('=HYPERLINK("http://example.com","Hull")', {
          projects: [
            {
              applicationId: 'a',
              reference: 'CRF-CSP-0001',
              title: '+SUM(A1:A9)',
              approvedPence: 1,
              paidPence: 0,
              awardStatus: 'offered',
            },
          ],
        }),
      ]),
    );
    expect(csv[0].Partner).toBe('\'=HYPERLINK("http://example.com","Hull")');
    expect(csv[2].Detail).toBe("'+SUM(A1:A9) (Offered)");
    expect(allocationReportCsv(report([partner('@cmd')]))).toContain("'@cmd");
  });
});
