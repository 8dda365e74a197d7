import { penceToInput, spreadsheetCsv } from '@grants/core';
import { AWARD_STATUS_LABELS } from '@grants/awards';
import type { AllocationReport, ReportSpend } from './allocation-report';

export const ALLOCATION_REPORT_COLUMNS = [
  'Partner',
  'Line',
  'Item',
  'Detail',
  'Share (%)',
  'Allocation (£)',
  'Approved (£)',
  'Paid (£)',
  'Released (£)',
  'Unspent (£)',
] as const;

type Row = [string, string, string, string, string, string, string, string, string, string];

const pounds = (pence: number | null) => (pence === null ? '' : penceToInput(pence));
const spend = (s: ReportSpend): [string, string, string, string, string] => [
  pounds(s.allocationPence),
  pounds(s.approvedPence),
  pounds(s.paidPence),
  pounds(s.releasedPence),
  pounds(s.unspentPence),
];

/**
 * The report as one table a spreadsheet reads in: per partner its allocation and spend, then a
 * line per indicator (the pence it contributed) and per approved project; a total line last.
 * Amounts are pounds written from whole pence; text cells that would run as formulas are
 * neutralised.
 */
export function allocationReportCsv(r: AllocationReport): string {
  const rows: Row[] = [];
  for (const p of r.partners) {
    const limited =
      p.limitedBy === 'floor'
        ? 'raised to the minimum'
        : p.limitedBy === 'cap'
          ? 'held to the maximum'
          : '';
    rows.push([p.name, 'Allocation', '', limited, p.sharePercent, ...spend(p)]);
    for (const i of p.indicators)
      rows.push([
        p.name,
        'Indicator',
        i.label,
        `${i.value} (${i.source}, ${i.period}); weight ${i.weight}`,
        i.sharePercent,
        pounds(i.contributionPence),
        '',
        '',
        '',
        '',
      ]);
    for (const project of p.projects)
      rows.push([
        p.name,
        'Project',
        project.reference,
        `${project.title} (${AWARD_STATUS_LABELS[project.awardStatus]})`,
        '',
        '',
        pounds(project.approvedPence),
        pounds(project.paidPence),
        '',
        '',
      ]);
  }
  rows.push([
    'All partners',
    'Total',
    r.decisionRecordNumber,
    `Pot ${pounds(r.potPence)}`,
    '',
    ...spend(r.totals),
  ]);
  return spreadsheetCsv(rows, { header: true, columns: [...ALLOCATION_REPORT_COLUMNS] });
}
