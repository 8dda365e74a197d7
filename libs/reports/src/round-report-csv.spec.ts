import { roundReportCsv } from './round-report-csv';
import type { RoundReport } from './round-report';

const report: RoundReport = {
  round: {
    id: 'r',
    title: '=HYPERLINK("http://evil.example")',
    code: 'DIV',
    fundId: 'f',
    fundName: "Commissioner's Safety Fund",
    status: 'closed',
    decisionMethod: 'scored',
    opensAt: new Date('2022-09-26T08:00:00Z'),
    closesAt: new Date('2022-10-24T16:00:00Z'),
  },
  applications: { received: 2, eligible: 2, ineligible: 0, withdrawn: 0, awaitingAppraisal: 0 },
  scores: null,
  areas: [],
  awards: {
    awarded: { count: 1, amountPence: 1_775_050 },
    declined: { count: 0, amountPence: 0 },
    expired: { count: 0, amountPence: 0 },
  },
  budget: {
    contributions: [{ sourceName: '+Partner', amountPence: 2_000_000 }],
    budgetPence: 2_000_000,
    committedPence: 1_775_050,
    availablePence: 224_950,
    paidPence: 0,
    returnedPence: 0,
    duePence: 1_775_050,
  },
  decision: null,
  summary: 'Two applications.',
};

describe('roundReportCsv', () => {
  it('writes one row per figure, money in pence and pounds, formulas neutralised', () => {
    const lines = roundReportCsv(report).trim().split('\n');
    expect(lines[0]).toBe('Section,Figure,Value,Value in pounds');
    expect(lines).toContain(`Round,Title,"'=HYPERLINK(""http://evil.example"")",`);
    expect(lines).toContain('Applications,Received,2,');
    expect(lines).toContain('Awards,Amount awarded,1775050,17750.50');
    expect(lines).toContain("Budget,'+Partner,2000000,20000.00");
    expect(lines).toContain('Budget,Still available,224950,2249.50');
    expect(lines[lines.length - 1]).toBe('Summary,Summary,Two applications.,');
  });
});
