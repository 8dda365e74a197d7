import type { AllocationPlanView, AllocationPreview, IndicatorShare } from '@grants/allocations';
import { formatPence, formatUk } from '@grants/core';
import { barChart } from '../reports/report-charts';

/** Whole numbers grouped as people read them ("267,000"); decimals kept as typed. */
export function valueText(value: string): string {
  const [whole, fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Against the stored weights, in words (a sign can wrap away from its figure): "£1,234.56 more". */
export function changeText(pence: number | null): string {
  if (pence === null) return 'Not available: the stored weights give no allocation';
  if (pence === 0) return 'No change';
  return pence > 0 ? `${formatPence(pence)} more` : `${formatPence(-pence)} less`;
}

const LIMITED: Record<'floor' | 'cap', string> = {
  floor: 'Raised to the minimum',
  cap: 'Held at the maximum',
};

/** A weight and its part of all the weights, like "50 (50%)". */
function weightRows(indicators: { key: string; label: string; weight: number }[]) {
  const total = indicators.reduce((t, i) => t + i.weight, 0);
  return indicators.map((i) => ({
    ...i,
    partPercent: total === 0 ? '0' : String(Math.round((i.weight * 1000) / total) / 10),
  }));
}

function breakdownRows(shares: IndicatorShare[]) {
  return shares.map((s) => ({
    label: s.label,
    weight: s.weight,
    value: valueText(s.value),
    source: s.source,
    period: s.period,
    sharePercent: `${s.sharePercent}%`,
    contribution: formatPence(s.contributionPence),
  }));
}

interface AllocationLike {
  organisationId: string;
  name: string;
  amountPence: number;
  formulaPence: number;
  sharePercent: string;
  limitedBy: 'floor' | 'cap' | null;
}

function allocationRow(a: AllocationLike, shares: IndicatorShare[], index: number) {
  return {
    id: `partner-${index + 1}`,
    organisationId: a.organisationId,
    name: a.name,
    amount: formatPence(a.amountPence),
    amountPence: a.amountPence,
    sharePercent: `${a.sharePercent}%`,
    formula: formatPence(a.formulaPence),
    limited: a.limitedBy ? LIMITED[a.limitedBy] : null,
    breakdown: breakdownRows(shares),
  };
}

/** The plan as its pages show it: money in pounds, what is still to do. */
export function planPage(plan: AllocationPlanView) {
  const needed = plan.partners.length * plan.indicators.length;
  return {
    id: plan.id,
    status: plan.status,
    published: plan.status === 'published',
    pot: formatPence(plan.potPence),
    floor: plan.floorPence === null ? 'None' : formatPence(plan.floorPence),
    cap: plan.capPence === null ? 'None' : formatPence(plan.capPence),
    partners: plan.partners,
    indicators: weightRows(plan.indicators),
    valuesEntered: plan.values.length,
    valuesNeeded: needed,
    missing: plan.missingValues.map((m) => `${m.partner}: ${m.indicator}`),
    recordNumber: plan.decisionRecordNumber,
    publishedAt: plan.publishedAt ? formatUk(plan.publishedAt) : null,
    allocations: plan.allocations.map((a, i) =>
      allocationRow(a, a.breakdown as unknown as IndicatorShare[], i),
    ),
    total: formatPence(plan.allocations.reduce((t, a) => t + a.amountPence, 0)),
  };
}

/** What the formula gives (or would give with the what-if weights), with the change per partner. */
export function previewPage(preview: AllocationPreview) {
  return {
    whatIf: preview.whatIf,
    pot: formatPence(preview.potPence),
    total: formatPence(preview.totalPence),
    indicators: weightRows(preview.indicators).map((i, n) => ({
      ...i,
      storedWeight: preview.indicators[n].storedWeight,
      changed: preview.indicators[n].weight !== preview.indicators[n].storedWeight,
    })),
    partners: preview.partners.map((p, i) => ({
      ...allocationRow(p, p.indicators, i),
      stored: p.changePence === null ? null : formatPence(p.amountPence - p.changePence),
      change: changeText(p.changePence),
    })),
    chart: allocationChart(preview),
  };
}

/**
 * Each partner's allocation as a bar; on a what-if, the stored weights' allocation in grey
 * above it, so the change shows as the difference in length.
 */
function allocationChart(preview: AllocationPreview) {
  const rows = preview.partners.flatMap((p) => {
    const now = {
      label: preview.whatIf ? `${p.name}: these weights` : p.name,
      value: p.amountPence,
      display: formatPence(p.amountPence),
      colour: 'blue' as const,
    };
    if (!preview.whatIf || p.changePence === null) return [now];
    const stored = p.amountPence - p.changePence;
    return [
      {
        label: `${p.name}: stored weights`,
        value: stored,
        display: formatPence(stored),
        colour: 'grey' as const,
      },
      now,
    ];
  });
  const list = preview.partners.map((p) => `${p.name} ${formatPence(p.amountPence)}`).join(', ');
  return barChart(
    'allocations',
    'Allocation per partner',
    preview.whatIf
      ? `With these weights the ${formatPence(preview.potPence)} pot gives: ${list}. Grey bars show the allocation with the stored weights.`
      : `The ${formatPence(preview.potPence)} pot gives: ${list}.`,
    rows,
  );
}
