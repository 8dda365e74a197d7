import { formatPence, formatUk } from '@grants/core';
import { Fund } from '../entities/fund.entity';
import { GrantRound } from '../entities/grant-round.entity';
import { ORGANISATION_TYPES } from '../organisation-types';
import { totalBudgetPence } from './round-input';
import { ROUND_STATUS_LABELS } from './round-status';

/** How a round is shown to the outside (API and pages): pence stay pence, times come in both forms. */
export function roundView(round: GrantRound) {
  const budget = totalBudgetPence(round);
  return {
    id: round.id,
    fund: round.fund ? fundView(round.fund) : undefined,
    code: round.code,
    title: round.title,
    theme: round.theme,
    description: round.description,
    status: round.status,
    statusLabel: ROUND_STATUS_LABELS[round.status],
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    opensAtUk: formatUk(round.opensAt),
    closesAtUk: formatUk(round.closesAt),
    budgetPence: budget,
    budgetDisplay: formatPence(budget),
    budgetContributions: round.budgetContributions.map((c) => ({
      sourceName: c.sourceName,
      amountPence: c.amountPence,
      amountDisplay: formatPence(c.amountPence),
    })),
    minGrantPence: round.minGrantPence,
    maxGrantPence: round.maxGrantPence,
    minGrantDisplay: formatPence(round.minGrantPence),
    maxGrantDisplay: formatPence(round.maxGrantPence),
    minDurationMonths: round.minDurationMonths,
    maxDurationMonths: round.maxDurationMonths,
    eligibleOrganisationTypes: round.eligibleOrganisationTypes.map((key) => ({
      key,
      label: Object.hasOwn(ORGANISATION_TYPES, key) ? ORGANISATION_TYPES[key] : key,
    })),
    planThemes: round.planThemes,
    areas: round.areas.map((a) => ({
      id: a.id,
      name: a.name,
      focusIssue: a.focusIssue,
      budgetCapPence: a.budgetCapPence,
      budgetCapDisplay: a.budgetCapPence === null ? null : formatPence(a.budgetCapPence),
      shortlistSize: a.shortlistSize ?? round.shortlistSize,
    })),
    decisionMethod: round.decisionMethod,
    recommendThresholdPercent:
      round.recommendThresholdBp === null ? null : round.recommendThresholdBp / 100,
    reserveThresholdPercent:
      round.reserveThresholdBp === null ? null : round.reserveThresholdBp / 100,
    shortlistSize: round.shortlistSize,
    winnersPerArea: round.winnersPerArea,
    appraisalChecklist: round.appraisalChecklist,
    oneApplicationPerArea: round.oneApplicationPerArea,
  };
}

export type RoundView = ReturnType<typeof roundView>;

export function fundView(fund: Fund) {
  return {
    id: fund.id,
    name: fund.name,
    slug: fund.slug,
    code: fund.code,
    description: fund.description,
    owningOffice: fund.owningOffice,
  };
}
