import { DomainException, ValidationException } from '@grants/core';
import type { LoadedPlan } from './allocation-plan-loader';
import { ValuesMissingException } from './allocations.exceptions';
import { allocate } from './formula/allocation-formula';

export interface PreviewIndicator {
  key: string;
  label: string;
  /** The weight used here: the what-if weight when one was given. */
  weight: number;
  storedWeight: number;
}

/** One indicator's part in a partner's allocation: in a preview, and as published. */
export interface IndicatorShare {
  key: string;
  label: string;
  weight: number;
  value: string;
  source: string;
  period: string;
  /** The partner's share of the indicator's total ("28.53", percent). */
  sharePercent: string;
  /** What this indicator's part of the pot gives the partner, before any minimum or maximum. */
  contributionPence: number;
}

export interface PreviewPartner {
  organisationId: string;
  name: string;
  amountPence: number;
  /** Against the allocation with the stored weights (0 without what-if weights; null when the stored weights cannot be used). */
  changePence: number | null;
  sharePercent: string;
  formulaPence: number;
  limitedBy: 'floor' | 'cap' | null;
  indicators: IndicatorShare[];
}

export interface AllocationPreview {
  potPence: number;
  floorPence: number | null;
  capPence: number | null;
  whatIf: boolean;
  indicators: PreviewIndicator[];
  partners: PreviewPartner[];
  totalPence: number;
}

export const MAX_WEIGHT = 1_000_000;

/**
 * The allocations the plan gives now, or would give with other weights (indicators not named
 * keep theirs): nothing is stored. Every partner needs a value for every indicator first.
 */
export function previewPlan(
  loaded: LoadedPlan,
  whatIf?: Record<string, number>,
): AllocationPreview {
  const { plan, partners, indicators, values } = loaded;
  checkWhatIf(loaded, whatIf);
  const valueOf = new Map(values.map((v) => [`${v.partnerId}/${v.indicatorId}`, v]));
  const missing = partners.flatMap((p) =>
    indicators
      .filter((i) => !valueOf.has(`${p.id}/${i.id}`))
      .map((i) => `${p.organisation.name}: ${i.label}`),
  );
  if (missing.length > 0) throw new ValuesMissingException(missing);
  const weightOf = (key: string, stored: number) => whatIf?.[key] ?? stored;
  const formulaValues = Object.fromEntries(
    partners.map((p) => [
      p.id,
      Object.fromEntries(indicators.map((i) => [i.key, valueOf.get(`${p.id}/${i.id}`)!.value])),
    ]),
  );
  const run = (weights: (key: string, stored: number) => number) =>
    allocate({
      potPence: plan.potPence,
      partners: partners.map((p) => p.id),
      indicators: indicators.map((i) => ({ key: i.key, weight: weights(i.key, i.weight) })),
      values: formulaValues,
      floorPence: plan.floorPence,
      capPence: plan.capPence,
    });
  const result = run(weightOf);
  const baseline = whatIf ? storedOrNull(() => run((_, stored) => stored)) : result;
  return {
    potPence: plan.potPence,
    floorPence: plan.floorPence,
    capPence: plan.capPence,
    whatIf: whatIf !== undefined,
    indicators: indicators.map((i) => ({
      key: i.key,
      label: i.label,
      weight: weightOf(i.key, i.weight),
      storedWeight: i.weight,
    })),
    partners: result.partners.map((r, index) => {
      const partner = partners[index];
      return {
        organisationId: partner.organisationId,
        name: partner.organisation.name,
        amountPence: r.amountPence,
        changePence: baseline ? r.amountPence - baseline.partners[index].amountPence : null,
        sharePercent: r.sharePercent,
        formulaPence: r.formulaPence,
        limitedBy: r.limitedBy,
        indicators: r.indicators.map((share, i) => {
          const value = valueOf.get(`${partner.id}/${indicators[i].id}`)!;
          return {
            key: share.key,
            label: indicators[i].label,
            weight: weightOf(indicators[i].key, indicators[i].weight),
            value: value.value,
            source: value.source,
            period: value.period,
            sharePercent: share.sharePercent,
            contributionPence: share.contributionPence,
          };
        }),
      };
    }),
    totalPence: result.partners.reduce((t, p) => t + p.amountPence, 0),
  };
}

function checkWhatIf(loaded: LoadedPlan, whatIf?: Record<string, number>) {
  if (!whatIf) return;
  const keys = new Set(loaded.indicators.map((i) => i.key));
  const errors = Object.entries(whatIf).flatMap(([key, weight]) => {
    if (!keys.has(key))
      return [{ field: `weights.${key}`, message: `${key} is not an indicator in this plan` }];
    if (!Number.isSafeInteger(weight) || weight < 0 || weight > MAX_WEIGHT)
      return [
        {
          field: `weights.${key}`,
          message: `The weight of ${key} must be a whole number from 0 to ${MAX_WEIGHT}`,
        },
      ];
    return [];
  });
  if (errors.length > 0) throw new ValidationException(errors);
}

/** A plan's stored weights can be unusable (all 0) while a what-if is fine. */
function storedOrNull<T>(work: () => T): T | null {
  try {
    return work();
  } catch (err) {
    if (err instanceof DomainException) return null;
    throw err;
  }
}
