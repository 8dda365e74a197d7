import { formatPence } from '@grants/core';
import { type RoundReport, whole } from '@grants/reports';

/** The SVG's own units: label column, then the longest bar, then room for its figure. */
const CHART_WIDTH = 620;
const BAR_SPACE = 400;
const ROW_HEIGHT = 50;

export interface ChartRow {
  label: string;
  value: number;
  /** How the value reads: "12", "£177,500.00". */
  display: string;
}

/** GOV.UK colours, each clear against white. */
const COLOURS = { blue: '#1d70b8', green: '#00703c', grey: '#505a5f' } as const;

/**
 * A horizontal bar chart drawn in SVG (no script, no inline style, so it passes the page's CSP):
 * each row's label above its bar and the figure at the bar's end. The same rows make the table
 * beside it, the chart's accessible source.
 */
export function barChart(
  id: string,
  title: string,
  description: string,
  rows: (ChartRow & { colour?: keyof typeof COLOURS })[],
) {
  const most = Math.max(1, ...rows.map((r) => r.value));
  return {
    id,
    title,
    description,
    width: CHART_WIDTH,
    height: 10 + rows.length * ROW_HEIGHT,
    rows,
    bars: rows.map((r, i) => {
      const width = Math.round((r.value / most) * BAR_SPACE);
      return {
        ...r,
        labelY: 8 + i * ROW_HEIGHT + 16,
        barY: 8 + i * ROW_HEIGHT + 22,
        width,
        // A zero still shows where its bar would start.
        figureX: width + 8,
        colour: COLOURS[r.colour ?? 'blue'],
      };
    }),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${whole(n)} ${n === 1 ? one : many}`;

export function scoreChart(report: RoundReport) {
  if (!report.scores || report.scores.scored === 0) return null;
  const rows = report.scores.distribution.map((b) => ({
    label:
      b.toPercent === 100
        ? `${b.fromPercent}% to 100%`
        : `${b.fromPercent}% to ${b.toPercent - 1}%`,
    value: b.count,
    display: whole(b.count),
  }));
  const busiest = rows.reduce((top, r) => (r.value > top.value ? r : top), rows[0]);
  return barChart(
    'scores',
    'Score distribution',
    `${plural(report.scores.scored, 'application')} scored, in bands of 10 percentage points; the most, ${busiest.display}, scored ${busiest.label}.`,
    rows,
  );
}

export function budgetChart(report: RoundReport) {
  const { budget, awards } = report;
  if (budget.budgetPence === 0) return null;
  const money = (label: string, pence: number, colour?: keyof typeof COLOURS) => ({
    label,
    value: pence,
    display: formatPence(pence),
    colour,
  });
  const rows = [
    ...(budget.contributions.length > 1
      ? budget.contributions.map((c) => money(c.sourceName, c.amountPence, 'grey' as const))
      : []),
    money('Total budget', budget.budgetPence, 'grey'),
    money('Awarded', awards.awarded.amountPence),
    money('Still available', budget.availablePence, 'green'),
  ];
  return barChart(
    'budget',
    'Budget use',
    `${formatPence(awards.awarded.amountPence)} awarded of a ${formatPence(budget.budgetPence)} budget; ${formatPence(budget.availablePence)} still available.`,
    rows,
  );
}

export function turnoutChart(report: RoundReport) {
  const voted = report.areas.filter(
    (a) => a.ballotStatus && !['draft', 'scheduled'].includes(a.ballotStatus),
  );
  if (report.round.decisionMethod !== 'public-vote' || voted.length === 0) return null;
  return barChart(
    'turnout',
    'Votes by area',
    `Votes counted: ${voted.map((a) => `${whole(a.votes)} in ${a.name}`).join(', ')}.`,
    voted.map((a) => ({ label: a.name, value: a.votes, display: whole(a.votes) })),
  );
}
