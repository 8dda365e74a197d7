import type { JsonObject } from '@grants/core';
import type { AllocationPlanStatus } from './allocation-plan-status';
import type { LoadedPlan } from './allocation-plan-loader';

export interface AllocationPlanView {
  id: string;
  roundId: string;
  status: AllocationPlanStatus;
  potPence: number;
  floorPence: number | null;
  capPence: number | null;
  partners: { organisationId: string; name: string }[];
  indicators: { key: string; label: string; weight: number }[];
  values: {
    organisationId: string;
    partner: string;
    indicator: string;
    value: string;
    source: string;
    period: string;
  }[];
  /** Partner and indicator pairs still without a value. */
  missingValues: { organisationId: string; partner: string; indicator: string }[];
  decisionRecordNumber: string | null;
  publishedAt: Date | null;
  /** As published (empty before). */
  allocations: {
    organisationId: string;
    name: string;
    amountPence: number;
    formulaPence: number;
    sharePercent: string;
    limitedBy: 'floor' | 'cap' | null;
    breakdown: JsonObject[];
  }[];
}

export function planView(loaded: LoadedPlan): AllocationPlanView {
  const { plan, partners, indicators, values } = loaded;
  const valueOf = new Map(values.map((v) => [`${v.partnerId}/${v.indicatorId}`, v]));
  return {
    id: plan.id,
    roundId: plan.roundId,
    status: plan.status,
    potPence: plan.potPence,
    floorPence: plan.floorPence,
    capPence: plan.capPence,
    partners: partners.map((p) => ({
      organisationId: p.organisationId,
      name: p.organisation.name,
    })),
    indicators: indicators.map((i) => ({ key: i.key, label: i.label, weight: i.weight })),
    values: partners.flatMap((p) =>
      indicators.flatMap((i) => {
        const v = valueOf.get(`${p.id}/${i.id}`);
        return v
          ? [
              {
                organisationId: p.organisationId,
                partner: p.organisation.name,
                indicator: i.key,
                value: v.value,
                source: v.source,
                period: v.period,
              },
            ]
          : [];
      }),
    ),
    missingValues: partners.flatMap((p) =>
      indicators
        .filter((i) => !valueOf.has(`${p.id}/${i.id}`))
        .map((i) => ({
          organisationId: p.organisationId,
          partner: p.organisation.name,
          indicator: i.key,
        })),
    ),
    decisionRecordNumber: loaded.decisionRecordNumber,
    publishedAt: plan.publishedAt,
    allocations: loaded.allocations.map((a) => ({
      organisationId: a.organisationId,
      name: a.organisationName,
      amountPence: a.amountPence,
      formulaPence: a.formulaPence,
      sharePercent: a.sharePercent,
      limitedBy: a.limitedBy,
      breakdown: a.breakdown,
    })),
  };
}
