import { SCORE_BAND_LABELS } from '@grants/assessment';
import { formatUkDate, penceToInput, spreadsheetCsv } from '@grants/core';
import type { RoundReport } from './round-report';

type Figure = [section: string, figure: string, value: string | number, pounds: string];

const count = (section: string, figure: string, value: number): Figure => [
  section,
  figure,
  value,
  '',
];
const money = (section: string, figure: string, pence: number): Figure => [
  section,
  figure,
  pence,
  penceToInput(pence),
];

/** One row per figure of the report: what a spreadsheet or the Panel's secretariat reads in. */
export function reportFigures(r: RoundReport): Figure[] {
  const rows: Figure[] = [
    ['Round', 'Title', r.round.title, ''],
    ['Round', 'Fund', r.round.fundName, ''],
    ['Round', 'Status', r.round.status, ''],
    ['Round', 'Opened', formatUkDate(r.round.opensAt), ''],
    ['Round', 'Closed', formatUkDate(r.round.closesAt), ''],
    count('Applications', 'Received', r.applications.received),
    count('Applications', 'Eligible', r.applications.eligible),
    count('Applications', 'Not eligible', r.applications.ineligible),
    count('Applications', 'Withdrawn', r.applications.withdrawn),
    count('Applications', 'Awaiting appraisal', r.applications.awaitingAppraisal),
  ];
  if (r.scores) {
    const s = r.scores;
    rows.push(
      count('Scores', 'Scored', s.scored),
      count('Scores', 'Not yet scored', s.unscored),
      count('Scores', SCORE_BAND_LABELS.recommend, s.bands.recommend),
      count('Scores', SCORE_BAND_LABELS.reserve, s.bands.reserve),
      count('Scores', SCORE_BAND_LABELS['not-recommended'], s.bands['not-recommended']),
      ...s.distribution.map((b) =>
        count(
          'Score distribution',
          `${b.fromPercent}% to ${b.toPercent === 100 ? '100%' : `under ${b.toPercent}%`}`,
          b.count,
        ),
      ),
    );
  }
  for (const a of r.areas) {
    rows.push(count(`Area: ${a.name}`, 'Applications received', a.received));
    if (r.round.decisionMethod === 'public-vote')
      rows.push(
        count(`Area: ${a.name}`, 'Shortlisted', a.shortlisted),
        count(`Area: ${a.name}`, 'Votes counted', a.votes),
        count(`Area: ${a.name}`, 'Votes voided', a.voided),
      );
  }
  rows.push(
    count('Awards', 'Grants awarded', r.awards.awarded.count),
    money('Awards', 'Amount awarded', r.awards.awarded.amountPence),
    count('Awards', 'Offers declined', r.awards.declined.count),
    money('Awards', 'Amount declined', r.awards.declined.amountPence),
    count('Awards', 'Offers expired', r.awards.expired.count),
    money('Awards', 'Amount expired', r.awards.expired.amountPence),
    ...r.budget.contributions.map((c) => money('Budget', c.sourceName, c.amountPence)),
    money('Budget', 'Total budget', r.budget.budgetPence),
    money('Budget', 'Committed', r.budget.committedPence),
    money('Budget', 'Still available', r.budget.availablePence),
    money('Budget', 'Paid (net of money returned)', r.budget.paidPence),
    money('Budget', 'Returned unspent', r.budget.returnedPence),
    money('Budget', 'Still to pay', r.budget.duePence),
    ['Summary', 'Summary', r.summary, ''],
  );
  return rows;
}

/** The figures as CSV; text cells a spreadsheet would run as a formula are neutralised. */
export function roundReportCsv(r: RoundReport): string {
  return spreadsheetCsv(reportFigures(r), {
    header: true,
    columns: ['Section', 'Figure', 'Value', 'Value in pounds'],
  });
}
