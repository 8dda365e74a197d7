import { APPLICATION_STATUS_LABELS } from '@grants/applications';
import { SCORE_BAND_LABELS } from '@grants/assessment';
import { formatPence, formatUk, formatUkDate } from '@grants/core';
import { ROUND_STATUS_LABELS } from '@grants/funds';
import { percentOf as pct, type RoundReport, whole } from '@grants/reports';
import { budgetChart, scoreChart, turnoutChart } from './report-charts';

const numeric = (value: number | string) => ({
  text: typeof value === 'number' ? whole(value) : value,
  format: 'numeric',
});
const BALLOT_LABELS: Record<string, string> = {
  draft: 'Being set up',
  scheduled: 'Scheduled',
  open: 'Open for votes',
  closed: 'Closed, being counted',
  published: 'Results published',
};

/** The round report's page data, the same for staff and the public (links aside). */
export function reportView(report: RoundReport, options: { publicView: boolean }) {
  const { round, applications, scores, awards, budget } = report;
  const isVote = round.decisionMethod === 'public-vote';
  const base = options.publicView ? `/rounds/${round.id}` : `/staff/rounds/${round.id}`;
  return {
    title: `${round.title}: round report`,
    publicView: options.publicView,
    round: {
      ...round,
      statusLabel: ROUND_STATUS_LABELS[round.status],
      opensOn: formatUk(round.opensAt),
      closesOn: formatUk(round.closesAt),
      closedOn: formatUkDate(round.closesAt),
    },
    summary: report.summary,
    decision: report.decision
      ? {
          number: report.decision.number,
          signedOn: formatUkDate(report.decision.signedOffAt),
          publishedOn: report.decision.publishedAt
            ? formatUkDate(report.decision.publishedAt)
            : null,
          href: report.decision.publishedAt
            ? `/decisions/${encodeURIComponent(report.decision.number)}`
            : null,
        }
      : null,
    csvHref: `${base}/report.csv`,
    applicationRows: [
      [{ text: 'Received' }, numeric(applications.received)],
      [{ text: 'Eligible' }, numeric(applications.eligible)],
      [{ text: APPLICATION_STATUS_LABELS.ineligible }, numeric(applications.ineligible)],
      [{ text: APPLICATION_STATUS_LABELS.withdrawn }, numeric(applications.withdrawn)],
      ...(applications.awaitingAppraisal > 0
        ? [[{ text: 'Awaiting appraisal' }, numeric(applications.awaitingAppraisal)]]
        : []),
    ],
    bandRows: scores
      ? [
          [
            {
              text: `${SCORE_BAND_LABELS.recommend}: ${pct(scores.recommendThresholdBp)} or higher`,
            },
            numeric(scores.bands.recommend),
          ],
          [
            {
              text: `${SCORE_BAND_LABELS.reserve}: ${pct(scores.reserveThresholdBp)} to under ${pct(scores.recommendThresholdBp)}`,
            },
            numeric(scores.bands.reserve),
          ],
          [
            {
              text: `${SCORE_BAND_LABELS['not-recommended']}: under ${pct(scores.reserveThresholdBp)}`,
            },
            numeric(scores.bands['not-recommended']),
          ],
          ...(scores.unscored > 0 ? [[{ text: 'Not yet scored' }, numeric(scores.unscored)]] : []),
        ]
      : null,
    areaRows:
      report.areas.length > 0
        ? report.areas.map((a) => [
            { text: a.name },
            numeric(a.received),
            ...(isVote
              ? [
                  numeric(a.shortlisted),
                  {
                    text: a.ballotStatus
                      ? (BALLOT_LABELS[a.ballotStatus] ?? a.ballotStatus)
                      : 'No ballot yet',
                  },
                  numeric(a.votes),
                ]
              : []),
          ])
        : null,
    isVote,
    awardRows: [
      [
        { text: 'Grants awarded' },
        numeric(awards.awarded.count),
        numeric(formatPence(awards.awarded.amountPence)),
      ],
      [
        { text: 'Offers declined' },
        numeric(awards.declined.count),
        numeric(formatPence(awards.declined.amountPence)),
      ],
      [
        { text: 'Offers expired' },
        numeric(awards.expired.count),
        numeric(formatPence(awards.expired.amountPence)),
      ],
    ],
    budgetRows: [
      ...budget.contributions.map((c) => [
        { text: c.sourceName },
        numeric(formatPence(c.amountPence)),
      ]),
      [
        { text: 'Total budget', classes: 'app-table__total' },
        { ...numeric(formatPence(budget.budgetPence)), classes: 'app-table__total' },
      ],
      [{ text: 'Committed' }, numeric(formatPence(budget.committedPence))],
      [{ text: 'Still available' }, numeric(formatPence(budget.availablePence))],
      [{ text: 'Of the committed money: paid' }, numeric(formatPence(budget.paidPence))],
      [{ text: 'Of the committed money: still to pay' }, numeric(formatPence(budget.duePence))],
    ],
    charts: [scoreChart(report), budgetChart(report), turnoutChart(report)].filter(
      (c) => c !== null,
    ),
  };
}
