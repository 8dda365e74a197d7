import { formatPence, formatUk } from '@grants/core';
import { GrantRound, ORGANISATION_TYPES } from '@grants/funds';
import { amountProblem, ApplicationAnswers, budgetProblem } from './application-answers';

export const ELIGIBILITY_CHECK_KEYS = [
  'organisation-type',
  'amount',
  'duration',
  'area',
  'deadline',
  'budget',
  'duplicate',
] as const;
export type EligibilityCheckKey = (typeof ELIGIBILITY_CHECK_KEYS)[number];

/** One automatic check, as the appraiser sees it. */
export interface EligibilityCheck {
  key: EligibilityCheckKey;
  label: string;
  passed: boolean;
  reason: string;
}

export interface EligibilityFacts {
  answers: ApplicationAnswers;
  organisationType: string;
  /** When it was first submitted (corrections keep the original time). */
  submittedAt: Date;
  /** References of the organisation's other live applications for the same area in this round. */
  duplicates: string[];
}

type Round = Pick<
  GrantRound,
  | 'eligibleOrganisationTypes'
  | 'minGrantPence'
  | 'maxGrantPence'
  | 'minDurationMonths'
  | 'maxDurationMonths'
  | 'areas'
  | 'closesAt'
  | 'oneApplicationPerArea'
>;

const typeLabel = (type: string) =>
  Object.hasOwn(ORGANISATION_TYPES, type)
    ? ORGANISATION_TYPES[type as keyof typeof ORGANISATION_TYPES]
    : type;

/** The checks the system runs on every submission; the officer sees each with its reason. */
export function runEligibilityChecks(round: Round, facts: EligibilityFacts): EligibilityCheck[] {
  const { answers } = facts;
  const checks: EligibilityCheck[] = [];
  const add = (key: EligibilityCheckKey, label: string, passed: boolean, reason: string) =>
    checks.push({ key, label, passed, reason });

  const typeAllowed = round.eligibleOrganisationTypes.includes(
    facts.organisationType as Round['eligibleOrganisationTypes'][number],
  );
  add(
    'organisation-type',
    'Type of organisation',
    typeAllowed,
    typeAllowed
      ? `${typeLabel(facts.organisationType)} can apply to this round`
      : `${typeLabel(facts.organisationType)} is not one of the types this round funds (${round.eligibleOrganisationTypes.map(typeLabel).join(', ')})`,
  );

  const amount = answers.amountRequestedPence;
  const amountIssue =
    amount === null ? 'No amount given' : amountProblem(amount, answers.areaId, round);
  add(
    'amount',
    'Amount requested',
    amountIssue === null,
    amountIssue ??
      `${formatPence(amount!)} is within the limits (${formatPence(round.minGrantPence)} to ${formatPence(round.maxGrantPence)})`,
  );

  const months = answers.durationMonths;
  const durationOk =
    months !== null && months >= round.minDurationMonths && months <= round.maxDurationMonths;
  add(
    'duration',
    'Length of project',
    durationOk,
    `${months ?? 'No'} months; this round funds projects of ${round.minDurationMonths} to ${round.maxDurationMonths} months`,
  );

  if (round.areas.length > 0) {
    const area = round.areas.find((a) => a.id === answers.areaId);
    add(
      'area',
      'Area',
      !!area,
      area ? `${area.name} is one of the round's areas` : 'No area of this round was chosen',
    );
  }

  const onTime = facts.submittedAt < round.closesAt;
  add(
    'deadline',
    'Submitted by the deadline',
    onTime,
    `Submitted ${formatUk(facts.submittedAt)}; the deadline was ${formatUk(round.closesAt)}`,
  );

  const budget = budgetProblem(answers);
  add(
    'budget',
    'Budget adds up',
    budget === null && answers.budgetLines.length > 0,
    budget ??
      `${answers.budgetLines.length} budget ${answers.budgetLines.length === 1 ? 'line adds' : 'lines add'} up to the amount requested`,
  );

  if (round.oneApplicationPerArea) {
    add(
      'duplicate',
      'One application per area',
      facts.duplicates.length === 0,
      facts.duplicates.length === 0
        ? 'No other application from this organisation for this area'
        : `The organisation has already applied for this area: ${facts.duplicates.join(', ')}`,
    );
  }
  return checks;
}
