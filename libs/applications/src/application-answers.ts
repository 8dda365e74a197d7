import { FieldError, formatPence, formatUkDate, hasControlCharacters } from '@grants/core';
import type { GrantRound } from '@grants/funds';
import type { Application } from './entities/application.entity';

/** Who the project helps, by age. */
export const AGE_GROUPS = {
  'under-11': 'Children under 11',
  '11-17': 'Young people aged 11 to 17',
  '18-24': 'Young adults aged 18 to 24',
  '25-64': 'Adults aged 25 to 64',
  '65-plus': 'Older people aged 65 and over',
} as const;
export type AgeGroup = keyof typeof AGE_GROUPS;

export const ANSWER_LIMITS = {
  projectTitle: 120,
  projectSummary: 2000,
  themesExplanation: 1500,
  outcomes: 2000,
  outcomeMeasures: 2000,
  beneficiaryDescription: 1000,
  budgetItem: 120,
  budgetLines: 20,
  beneficiaryCount: 1_000_000,
} as const;

/** How long after the round closes a project may start. */
export const LATEST_START_MONTHS_AFTER_CLOSE = 12;

export interface BudgetLineInput {
  item: string;
  amountPence: number;
}

/** Every answer; a save sends some of them (pages send theirs, the API any). */
export interface ApplicationAnswers {
  projectTitle: string;
  projectSummary: string;
  areaId: string | null;
  planThemes: string[];
  themesExplanation: string;
  amountRequestedPence: number | null;
  budgetLines: BudgetLineInput[];
  startDate: string | null;
  durationMonths: number | null;
  outcomes: string;
  outcomeMeasures: string;
  beneficiaryAgeGroups: string[];
  beneficiaryCount: number | null;
  beneficiaryDescription: string;
  declarationTrue: boolean;
  declarationPolicies: boolean;
}

export type AnswersPatch = Partial<ApplicationAnswers>;

export const SECTION_KEYS = [
  'project',
  'funding',
  'dates',
  'outcomes',
  'beneficiaries',
  'declarations',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const SECTION_TITLES: Record<SectionKey, string> = {
  project: 'About the project',
  funding: 'Funding and budget',
  dates: 'Start date and length',
  outcomes: 'Outcomes',
  beneficiaries: 'Who will benefit',
  declarations: 'Declarations',
};

/** Which answers each task-list section holds. */
export const SECTION_FIELDS: Record<SectionKey, (keyof ApplicationAnswers)[]> = {
  project: ['projectTitle', 'projectSummary', 'areaId', 'planThemes', 'themesExplanation'],
  funding: ['amountRequestedPence', 'budgetLines'],
  dates: ['startDate', 'durationMonths'],
  outcomes: ['outcomes', 'outcomeMeasures'],
  beneficiaries: ['beneficiaryAgeGroups', 'beneficiaryCount', 'beneficiaryDescription'],
  declarations: ['declarationTrue', 'declarationPolicies'],
};

export type SectionState = 'not-started' | 'in-progress' | 'completed';

type RoundRules = Pick<
  GrantRound,
  | 'minGrantPence'
  | 'maxGrantPence'
  | 'minDurationMonths'
  | 'maxDurationMonths'
  | 'planThemes'
  | 'areas'
  | 'closesAt'
>;

export function answersOf(application: Application): ApplicationAnswers {
  return {
    projectTitle: application.projectTitle,
    projectSummary: application.projectSummary,
    areaId: application.areaId,
    planThemes: application.planThemes,
    themesExplanation: application.themesExplanation,
    amountRequestedPence: application.amountRequestedPence,
    budgetLines: [...(application.budgetLines ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({ item: l.item, amountPence: l.amountPence })),
    startDate: application.startDate,
    durationMonths: application.durationMonths,
    outcomes: application.outcomes,
    outcomeMeasures: application.outcomeMeasures,
    beneficiaryAgeGroups: application.beneficiaryAgeGroups,
    beneficiaryCount: application.beneficiaryCount,
    beneficiaryDescription: application.beneficiaryDescription,
    declarationTrue: application.declarationTrue,
    declarationPolicies: application.declarationPolicies,
  };
}

/** The fields a round asks for: no area question without areas, no themes without themes. */
export function asksFor(round: RoundRules, field: keyof ApplicationAnswers): boolean {
  if (field === 'areaId') return round.areas.length > 0;
  // Themes are a list to pick from only when the round has one; with areas but no themes the
  // explanation is about the area's focus issue.
  if (field === 'planThemes') return round.planThemes.length > 0;
  if (field === 'themesExplanation') return round.planThemes.length > 0 || round.areas.length > 0;
  return true;
}

function isBlank(value: ApplicationAnswers[keyof ApplicationAnswers]): boolean {
  if (value === null || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

const MISSING: Record<keyof ApplicationAnswers, string> = {
  projectTitle: 'Enter a title for the project',
  projectSummary: 'Enter a summary of the project',
  areaId: 'Select the area the project will work in',
  planThemes: 'Select at least one theme the project addresses',
  themesExplanation: 'Explain how the project addresses the focus issue or themes',
  amountRequestedPence: 'Enter how much you are asking for',
  budgetLines: 'Add at least one budget line',
  startDate: 'Enter the date the project will start',
  durationMonths: 'Enter how many months the project will run for',
  outcomes: 'Describe what the project will achieve',
  outcomeMeasures: 'Describe how you will measure what the project achieves',
  beneficiaryAgeGroups: 'Select the ages of the people who will benefit',
  beneficiaryCount: 'Enter how many people will benefit',
  beneficiaryDescription: 'Describe the people who will benefit',
  declarationTrue: 'Confirm the information you have given is true',
  declarationPolicies: 'Confirm your organisation has the policies in place',
};

const NOT_ASKED: Partial<Record<keyof ApplicationAnswers, string>> = {
  areaId: 'This round does not fund projects by area: leave the area out',
  planThemes: 'This round has no themes to choose from: leave the themes out',
  themesExplanation: 'This round does not ask how the project links to themes',
};

/**
 * Checks the answers given against their own rules and the round's. With `complete`, each given
 * field must also be filled in (a page's "Save and continue", or submission); without it a
 * blank clears the answer (the API's save-as-you-go).
 */
export function checkAnswers(
  patch: AnswersPatch,
  round: RoundRules,
  options: { complete: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const given = (Object.keys(patch) as (keyof ApplicationAnswers)[]).filter(
    (field) => patch[field] !== undefined,
  );
  for (const field of given) {
    const value = patch[field]!;
    // An answer to a question the round does not ask (an area where it has none) is refused,
    // not stored: it would point at another round's data.
    if (!asksFor(round, field)) {
      if (!isBlank(value)) fail(field, NOT_ASKED[field] ?? 'This round does not ask this question');
      continue;
    }
    if (isBlank(value)) {
      if (options.complete) fail(field, MISSING[field]);
      continue;
    }
    checkField(field, patch, round, fail);
  }
  return errors;
}

function checkText(
  field: keyof typeof ANSWER_LIMITS,
  value: string,
  fail: (field: string, message: string) => void,
  label: string,
): void {
  const max = ANSWER_LIMITS[field];
  if (value.length > max) fail(field, `${label} must be ${max} characters or fewer`);
  else if (hasControlCharacters(value)) fail(field, `${label} must not contain control characters`);
}

function checkField(
  field: keyof ApplicationAnswers,
  patch: AnswersPatch,
  round: RoundRules,
  fail: (field: string, message: string) => void,
): void {
  switch (field) {
    case 'projectTitle':
      return checkText('projectTitle', patch.projectTitle!, fail, 'The project title');
    case 'projectSummary':
      return checkText('projectSummary', patch.projectSummary!, fail, 'The summary');
    case 'themesExplanation':
      return checkText('themesExplanation', patch.themesExplanation!, fail, 'The explanation');
    case 'outcomes':
      return checkText('outcomes', patch.outcomes!, fail, 'The outcomes');
    case 'outcomeMeasures':
      return checkText('outcomeMeasures', patch.outcomeMeasures!, fail, 'How you will measure');
    case 'beneficiaryDescription':
      return checkText(
        'beneficiaryDescription',
        patch.beneficiaryDescription!,
        fail,
        'The description',
      );
    case 'areaId':
      if (!round.areas.some((a) => a.id === patch.areaId))
        fail('areaId', 'Select one of the areas this round funds');
      return;
    case 'planThemes': {
      const unknown = patch.planThemes!.filter((t) => !round.planThemes.includes(t));
      if (round.planThemes.length > 0 && unknown.length > 0)
        fail('planThemes', `Select themes from the list (not ${unknown.join(', ')})`);
      return;
    }
    case 'amountRequestedPence':
      return checkAmount(patch.amountRequestedPence!, patch.areaId, round, fail);
    case 'budgetLines':
      return checkBudgetLines(patch.budgetLines!, fail);
    case 'startDate':
      return checkStartDate(patch.startDate!, round, fail);
    case 'durationMonths': {
      const months = patch.durationMonths!;
      if (
        !Number.isInteger(months) ||
        months < round.minDurationMonths ||
        months > round.maxDurationMonths
      )
        fail(
          'durationMonths',
          round.minDurationMonths === round.maxDurationMonths
            ? `Projects in this round run for ${round.minDurationMonths} months`
            : `The project must run for between ${round.minDurationMonths} and ${round.maxDurationMonths} months`,
        );
      return;
    }
    case 'beneficiaryAgeGroups': {
      if (patch.beneficiaryAgeGroups!.some((g) => !Object.hasOwn(AGE_GROUPS, g)))
        fail('beneficiaryAgeGroups', 'Select age groups from the list');
      return;
    }
    case 'beneficiaryCount': {
      const count = patch.beneficiaryCount!;
      if (!Number.isInteger(count) || count < 1 || count > ANSWER_LIMITS.beneficiaryCount)
        fail('beneficiaryCount', 'Enter a whole number of people between 1 and 1,000,000');
      return;
    }
    case 'declarationTrue':
    case 'declarationPolicies':
      return;
  }
}

/** The amount must sit within the round's limits and the chosen area's cap. */
export function amountProblem(
  amountPence: number,
  areaId: string | null | undefined,
  round: Pick<RoundRules, 'minGrantPence' | 'maxGrantPence' | 'areas'>,
): string | null {
  if (!Number.isSafeInteger(amountPence) || amountPence <= 0)
    return 'The amount must be more than £0';
  const area = round.areas.find((a) => a.id === areaId);
  const max =
    area?.budgetCapPence !== null && area?.budgetCapPence !== undefined
      ? Math.min(area.budgetCapPence, round.maxGrantPence)
      : round.maxGrantPence;
  if (amountPence < round.minGrantPence)
    return `The amount must be at least ${formatPence(round.minGrantPence)}`;
  if (amountPence > max)
    return area && max < round.maxGrantPence
      ? `The amount cannot be more than ${formatPence(max)}, the cap for ${area.name}`
      : `The amount cannot be more than ${formatPence(max)}`;
  return null;
}

function checkAmount(
  amountPence: number,
  areaId: string | null | undefined,
  round: RoundRules,
  fail: (field: string, message: string) => void,
): void {
  const problem = amountProblem(amountPence, areaId, round);
  if (problem) fail('amountRequestedPence', problem);
}

function checkBudgetLines(
  lines: BudgetLineInput[],
  fail: (field: string, message: string) => void,
): void {
  if (lines.length > ANSWER_LIMITS.budgetLines)
    fail('budgetLines', `Enter up to ${ANSWER_LIMITS.budgetLines} budget lines`);
  lines.forEach((line, i) => {
    if (!line.item.trim()) fail(`budgetLines.${i}.item`, `Enter what budget line ${i + 1} is for`);
    else if (line.item.length > ANSWER_LIMITS.budgetItem)
      fail(
        `budgetLines.${i}.item`,
        `Budget line ${i + 1} must be ${ANSWER_LIMITS.budgetItem} characters or fewer`,
      );
    if (!Number.isSafeInteger(line.amountPence) || line.amountPence <= 0)
      fail(
        `budgetLines.${i}.amountPence`,
        `The amount for budget line ${i + 1} must be more than £0`,
      );
  });
}

function checkStartDate(
  value: string,
  round: Pick<RoundRules, 'closesAt'>,
  fail: (field: string, message: string) => void,
): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    fail('startDate', 'The start date must be a real date');
    return;
  }
  const earliest = formatUkDate(round.closesAt, 'yyyy-MM-dd');
  const latestDate = new Date(`${earliest}T00:00:00Z`);
  latestDate.setUTCMonth(latestDate.getUTCMonth() + LATEST_START_MONTHS_AFTER_CLOSE);
  const latest = latestDate.toISOString().slice(0, 10);
  if (value < earliest)
    fail(
      'startDate',
      `The project cannot start before the round closes on ${formatUkDate(round.closesAt)}`,
    );
  else if (value > latest)
    fail(
      'startDate',
      `The project must start within ${LATEST_START_MONTHS_AFTER_CLOSE} months of the round closing (by ${formatUkDate(new Date(`${latest}T12:00:00Z`))})`,
    );
}

export function budgetTotal(lines: BudgetLineInput[]): number {
  return lines.reduce((sum, l) => sum + l.amountPence, 0);
}

/** The budget lines must add up to the amount asked for, to the penny. */
export function budgetProblem(
  answers: Pick<ApplicationAnswers, 'amountRequestedPence' | 'budgetLines'>,
): string | null {
  if (answers.amountRequestedPence === null || answers.budgetLines.length === 0) return null;
  const total = budgetTotal(answers.budgetLines);
  if (total === answers.amountRequestedPence) return null;
  return `The budget lines add up to ${formatPence(total)} but you are asking for ${formatPence(answers.amountRequestedPence)}: they must be the same`;
}

/** What stops the whole application being submitted, each on the field to change. */
export function submissionProblems(answers: ApplicationAnswers, round: RoundRules): FieldError[] {
  const errors = checkAnswers(answers, round, { complete: true });
  const budget = budgetProblem(answers);
  if (budget && !errors.some((e) => e.field.startsWith('budgetLines')))
    errors.push({ field: 'budgetLines', message: budget });
  return errors;
}

export function sectionState(
  section: SectionKey,
  answers: ApplicationAnswers,
  round: RoundRules,
): SectionState {
  const fields = SECTION_FIELDS[section].filter((f) => asksFor(round, f));
  const filled = fields.filter((f) => !isBlank(answers[f]));
  if (filled.length === 0) return 'not-started';
  const patch = Object.fromEntries(fields.map((f) => [f, answers[f]])) as AnswersPatch;
  if (section === 'funding') patch.areaId = answers.areaId;
  const problems = checkAnswers(patch, round, { complete: true }).filter((e) =>
    fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)),
  );
  if (problems.length > 0) return 'in-progress';
  if (section === 'funding' && budgetProblem(answers)) return 'in-progress';
  return 'completed';
}

/** The section a field's error belongs to, for links from the check-answers page. */
export function sectionOfField(field: string): SectionKey {
  const name = field.split('.')[0] as keyof ApplicationAnswers;
  return SECTION_KEYS.find((s) => SECTION_FIELDS[s].includes(name)) ?? 'project';
}
