import { FieldError, formatPence } from '@grants/core';
import { ORGANISATION_TYPES } from '../organisation-types';
import type { DecisionMethod } from '../entities/grant-round.entity';

/** A round as staff describe it, whether from the API or the form; checked by roundRuleErrors. */
export interface RoundInput {
  code: string;
  title: string;
  theme: string;
  description: string;
  opensAt: Date;
  closesAt: Date;
  budgetContributions: { sourceName: string; amountPence: number }[];
  minGrantPence: number;
  maxGrantPence: number;
  minDurationMonths: number;
  maxDurationMonths: number;
  eligibleOrganisationTypes: string[];
  planThemes: string[];
  areas: {
    name: string;
    focusIssue: string;
    budgetCapPence: number | null;
    shortlistSize: number | null;
  }[];
  decisionMethod: DecisionMethod;
  recommendThresholdBp: number | null;
  reserveThresholdBp: number | null;
  shortlistSize: number | null;
  winnersPerArea: number | null;
  /** Defaults to DEFAULT_APPRAISAL_CHECKLIST when not given. */
  appraisalChecklist?: string[];
  oneApplicationPerArea?: boolean;
}

/** The documents and checks an officer confirms before an application is eligible. */
export const DEFAULT_APPRAISAL_CHECKLIST = [
  'Governing document seen',
  "Bank account in the organisation's name",
  'Safeguarding policy in place',
  'Public liability insurance in place',
  'References received',
];

export const DEFAULT_RECOMMEND_THRESHOLD_BP = 7000;
export const DEFAULT_RESERVE_THRESHOLD_BP = 6000;

export function totalBudgetPence(input: Pick<RoundInput, 'budgetContributions'>): number {
  return input.budgetContributions.reduce((sum, c) => sum + c.amountPence, 0);
}

/** The rules that span fields; each failure names the field a person should change. */
export function roundRuleErrors(input: RoundInput): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  if (!/^[A-Z0-9]{2,10}$/.test(input.code))
    fail('code', 'Round code must be 2 to 10 capital letters or digits, like DIV');
  if (!input.title.trim()) fail('title', 'Enter a title for the round');
  if (!input.theme.trim()) fail('theme', 'Enter the theme of the round');
  if (!input.description.trim()) fail('description', 'Enter a description of the round');
  if (input.closesAt.getTime() <= input.opensAt.getTime())
    fail('closesAt', 'The closing time must be after the opening time');

  if (input.budgetContributions.length === 0)
    fail('budgetContributions', 'Add at least one budget contribution');
  input.budgetContributions.forEach((c, i) => {
    if (!c.sourceName.trim())
      fail(`budgetContributions.${i}.sourceName`, 'Enter where this money comes from');
    if (!Number.isSafeInteger(c.amountPence) || c.amountPence <= 0)
      fail(`budgetContributions.${i}.amountPence`, 'Each contribution must be more than £0');
  });
  const budget = totalBudgetPence(input);
  if (!Number.isSafeInteger(budget)) fail('budgetContributions', 'The budget is too large');

  if (input.minGrantPence < 0) fail('minGrantPence', 'The minimum grant cannot be negative');
  if (input.maxGrantPence <= 0) fail('maxGrantPence', 'The maximum grant must be more than £0');
  if (input.maxGrantPence < input.minGrantPence)
    fail('maxGrantPence', 'The maximum grant must not be less than the minimum grant');
  if (budget > 0 && input.maxGrantPence > budget)
    fail(
      'maxGrantPence',
      `The maximum grant (${formatPence(input.maxGrantPence)}) cannot be more than the round's budget (${formatPence(budget)})`,
    );

  if (input.minDurationMonths < 1)
    fail('minDurationMonths', 'The shortest project must be at least 1 month');
  if (input.maxDurationMonths > 120)
    fail('maxDurationMonths', 'The longest project cannot be more than 120 months');
  if (input.maxDurationMonths < input.minDurationMonths)
    fail('maxDurationMonths', 'The longest project must not be shorter than the shortest');

  if (input.eligibleOrganisationTypes.length === 0)
    fail('eligibleOrganisationTypes', 'Choose at least one type of organisation that can apply');
  const unknownTypes = input.eligibleOrganisationTypes.filter(
    (t) => !Object.hasOwn(ORGANISATION_TYPES, t),
  );
  if (unknownTypes.length > 0)
    fail('eligibleOrganisationTypes', `Unknown organisation type: ${unknownTypes.join(', ')}`);
  if (new Set(input.planThemes.map((t) => t.trim().toLowerCase())).size !== input.planThemes.length)
    fail('planThemes', 'Each Police and Crime Plan theme can be listed once');

  const areaNames = new Set<string>();
  input.areas.forEach((a, i) => {
    if (!a.name.trim()) fail(`areas.${i}.name`, 'Enter the name of the area');
    if (areaNames.has(a.name.trim().toLowerCase()))
      fail(`areas.${i}.name`, `The area ${a.name} is listed twice`);
    areaNames.add(a.name.trim().toLowerCase());
    if (!a.focusIssue.trim())
      fail(`areas.${i}.focusIssue`, `Enter the focus issue for ${a.name || 'the area'}`);
    if (a.budgetCapPence !== null && a.budgetCapPence <= 0)
      fail(`areas.${i}.budgetCapPence`, 'An area cap must be more than £0');
    if (a.budgetCapPence !== null && budget > 0 && a.budgetCapPence > budget)
      fail(
        `areas.${i}.budgetCapPence`,
        `The cap for ${a.name} cannot be more than the round's budget (${formatPence(budget)})`,
      );
    if (a.shortlistSize !== null && (a.shortlistSize < 1 || a.shortlistSize > 10))
      fail(`areas.${i}.shortlistSize`, 'An area shortlist must be between 1 and 10 projects');
  });

  const checklist = input.appraisalChecklist ?? [];
  if (checklist.length > 20) fail('appraisalChecklist', 'The checklist can have up to 20 items');
  if (checklist.some((item) => !item.trim() || item.length > 200))
    fail('appraisalChecklist', 'Each checklist item must be 1 to 200 characters');
  if (new Set(checklist.map((item) => item.trim().toLowerCase())).size !== checklist.length)
    fail('appraisalChecklist', 'Each checklist item can be listed once');

  if (input.decisionMethod === 'scored') {
    const recommend = input.recommendThresholdBp;
    const reserve = input.reserveThresholdBp;
    if (recommend === null || recommend < 0 || recommend > 10000)
      fail('recommendThresholdPercent', 'The funding threshold must be between 0% and 100%');
    if (reserve === null || reserve < 0 || reserve > 10000)
      fail('reserveThresholdPercent', 'The reserve threshold must be between 0% and 100%');
    if (recommend !== null && reserve !== null && reserve > recommend)
      fail(
        'reserveThresholdPercent',
        'The reserve threshold must not be above the funding threshold',
      );
  } else if (input.decisionMethod === 'public-vote') {
    if (input.areas.length === 0) fail('areas', 'A public vote needs at least one area to vote in');
    if (input.shortlistSize === null || input.shortlistSize < 1 || input.shortlistSize > 10)
      fail('shortlistSize', 'The shortlist must be between 1 and 10 projects per area');
    if (input.winnersPerArea === null || input.winnersPerArea < 1)
      fail('winnersPerArea', 'At least one project must win in each area');
    else if (input.shortlistSize !== null && input.winnersPerArea > input.shortlistSize)
      fail('winnersPerArea', 'There cannot be more winners than shortlisted projects');
  } else if (input.decisionMethod !== 'allocation') {
    fail('decisionMethod', 'Choose how projects are chosen: scored, public vote or allocation');
  }
  return errors;
}
