import type { AllocationReport, ReportSpend } from '@grants/allocations';
import { AWARD_STATUS_LABELS } from '@grants/awards';
import { formatPence, formatUkDate } from '@grants/core';

/** The SVG's own units: room for the figure after the longest bar. */
const CHART_WIDTH = 620;
const BAR_SPACE = 420;
const BAR_HEIGHT = 20;
const BAR_GAP = 6;
const LABEL_HEIGHT = 26;
const GROUP_GAP = 18;

/** GOV.UK colours, each clear against white and against each other. */
const SERIES = [
  { key: 'allocationPence', word: 'allocated', colour: '#505a5f' },
  { key: 'approvedPence', word: 'approved', colour: '#1d70b8' },
  { key: 'paidPence', word: 'paid', colour: '#00703c' },
] as const;

/**
 * Allocation, approved and paid for each partner as grouped horizontal bars in SVG (no script
 * or inline style, for the page's CSP), every bar with its figure and what it is in words, so
 * the colours are never the only cue; the table beside it holds the same figures.
 */
export function spendChart(report: AllocationReport) {
  const most = Math.max(1, ...report.partners.map((p) => p.allocationPence));
  let y = 0;
  const groups = report.partners.map((p) => {
    const labelY = y + 18;
    y += LABEL_HEIGHT;
    const bars = SERIES.map((s) => {
      const pence = p[s.key];
      const width = Math.round((pence / most) * BAR_SPACE);
      const bar = {
        y,
        width,
        colour: s.colour,
        figureX: width + 8,
        figureY: y + 15,
        display: `${formatPence(pence)} ${s.word}`,
      };
      y += BAR_HEIGHT + BAR_GAP;
      return bar;
    });
    y += GROUP_GAP;
    return { label: p.name, labelY, bars };
  });
  const t = report.totals;
  return {
    width: CHART_WIDTH,
    height: Math.max(y, 1),
    groups,
    description: `For each of ${report.partners.length} partners, the allocation, the amount approved for its projects and the amount paid. In all, ${formatPence(t.approvedPence)} approved and ${formatPence(t.paidPence)} paid of ${formatPence(t.allocationPence)} allocated.`,
    rows: report.partners.map((p) => ({
      name: p.name,
      allocation: formatPence(p.allocationPence),
      approved: formatPence(p.approvedPence),
      paid: formatPence(p.paidPence),
    })),
  };
}

const money = (s: ReportSpend) => ({
  allocation: formatPence(s.allocationPence),
  approved: formatPence(s.approvedPence),
  paid: formatPence(s.paidPence),
  released: formatPence(s.releasedPence),
  unspent: formatPence(s.unspentPence),
});

/** What the report page shows: every figure formatted once, here. */
export function reportPage(report: AllocationReport) {
  return {
    recordNumber: report.decisionRecordNumber,
    publishedOn: formatUkDate(report.publishedAt),
    pot: formatPence(report.potPence),
    floor: report.floorPence === null ? 'None' : formatPence(report.floorPence),
    cap: report.capPence === null ? 'None' : formatPence(report.capPence),
    indicators: report.indicators.map((i) => ({
      label: i.label,
      weight: i.weight,
      part: formatPence(i.partPence),
    })),
    partners: report.partners.map((p, index) => ({
      id: index + 1,
      name: p.name,
      sharePercent: `${p.sharePercent}%`,
      limited:
        p.limitedBy === 'floor'
          ? `Raised to the minimum (the formula gave ${formatPence(p.formulaPence)})`
          : p.limitedBy === 'cap'
            ? `Held to the maximum (the formula gave ${formatPence(p.formulaPence)})`
            : null,
      ...money(p),
      indicators: p.indicators.map((i) => ({
        label: i.label,
        weight: i.weight,
        value: i.value,
        source: `${i.source}, ${i.period}`,
        sharePercent: `${i.sharePercent}%`,
        gives: formatPence(i.contributionPence),
      })),
      projects: p.projects.map((project) => ({
        reference: project.reference,
        title: project.title,
        status: AWARD_STATUS_LABELS[project.awardStatus],
        approved: formatPence(project.approvedPence),
        paid: formatPence(project.paidPence),
      })),
    })),
    totals: money(report.totals),
    chart: spendChart(report),
  };
}
