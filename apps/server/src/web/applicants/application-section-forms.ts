import {
  AGE_GROUPS,
  AnswersPatch,
  Application,
  asksFor,
  budgetProblem,
  checkAnswers,
  LATEST_START_MONTHS_AFTER_CLOSE,
  SectionKey,
} from '@grants/applications';
import { FieldError, formatUkDate, penceToInput } from '@grants/core';
import { dateParts, FormBody, FormErrors, formList, formText, requiredDate } from '../forms';
import { readPounds } from './pounds-field';

/** A budget line as typed: the page shows at least this many rows, blank ones are ignored. */
export const MIN_BUDGET_ROWS = 5;
/** Rows read from a post, at most (the rules allow 20 lines; more gets their message). */
const MAX_BUDGET_ROWS_READ = 50;

export interface BudgetRowValues {
  item: string;
  amount: string;
}

/** What a section's page shows in its fields: the saved answers, or what was just typed. */
export interface SectionValues {
  [field: string]: string | string[] | BudgetRowValues[];
}

/**
 * One task-list section's page: its fields as text for the form, read back from a post and
 * parsed into answers. Parsing catches what only the form can get wrong (an amount or a date
 * that is not one); the answers' own rules (lengths, limits, the round's range) are the domain's.
 */
interface SectionForm {
  values(application: Application): SectionValues;
  read(body: FormBody): SectionValues;
  parse(values: SectionValues, application: Application, errors: FormErrors): AnswersPatch;
  /** The element an answer's error belongs on (error fields are answer keys). */
  fieldId(field: string): string;
}

const text = (values: SectionValues, key: string) => values[key] as string;
const list = (values: SectionValues, key: string) => values[key] as string[];

const project: SectionForm = {
  values: (a) => ({
    projectTitle: a.projectTitle,
    projectSummary: a.projectSummary,
    areaId: a.areaId ?? '',
    planThemes: a.planThemes,
    themesExplanation: a.themesExplanation,
  }),
  read: (body) => ({
    projectTitle: formText(body, 'projectTitle'),
    projectSummary: formText(body, 'projectSummary'),
    areaId: formText(body, 'areaId'),
    planThemes: formList(body, 'planThemes'),
    themesExplanation: formText(body, 'themesExplanation'),
  }),
  parse: (values, { round }) => ({
    projectTitle: text(values, 'projectTitle'),
    projectSummary: text(values, 'projectSummary'),
    ...(asksFor(round, 'areaId') ? { areaId: text(values, 'areaId') || null } : {}),
    ...(asksFor(round, 'planThemes') ? { planThemes: list(values, 'planThemes') } : {}),
    ...(asksFor(round, 'themesExplanation')
      ? { themesExplanation: text(values, 'themesExplanation') }
      : {}),
  }),
  fieldId: (field) => field,
};

const funding: SectionForm = {
  values: (a) => ({
    amountRequested: a.amountRequestedPence === null ? '' : penceToInput(a.amountRequestedPence),
    budgetLines: padRows(
      [...(a.budgetLines ?? [])]
        .sort((x, y) => x.position - y.position)
        .map((l) => ({ item: l.item, amount: penceToInput(l.amountPence) })),
    ),
  }),
  read: (body) => {
    const rows: BudgetRowValues[] = [];
    for (let i = 0; i < MAX_BUDGET_ROWS_READ; i++) {
      const item = formText(body, `budgetLines-${i}-item`);
      const amount = formText(body, `budgetLines-${i}-amount`);
      if (item !== '' || amount !== '') rows.push({ item, amount });
    }
    // Blank rows are dropped here, so row n on the page is budget line n in the answers.
    return { amountRequested: formText(body, 'amountRequested'), budgetLines: padRows(rows) };
  },
  parse: (values, _application, errors) => {
    const patch: AnswersPatch = {};
    const amount = readPounds(
      text(values, 'amountRequested'),
      'amountRequested',
      { what: 'how much you are asking for', label: 'The amount you are asking for' },
      errors,
    );
    if (amount !== null) patch.amountRequestedPence = amount;
    const rows = (values.budgetLines as BudgetRowValues[]).filter(
      (row) => row.item !== '' || row.amount !== '',
    );
    patch.budgetLines = rows.map((row, i) => ({
      item: row.item,
      amountPence:
        readPounds(
          row.amount,
          `budgetLines-${i}-amount`,
          {
            what: `the amount for budget line ${i + 1}`,
            label: `The amount for budget line ${i + 1}`,
          },
          errors,
        ) ?? Number.NaN,
    }));
    return patch;
  },
  fieldId: (field) => {
    if (field === 'amountRequestedPence') return 'amountRequested';
    const line = /^budgetLines\.(\d+)\.(item|amountPence)$/.exec(field);
    if (line) return `budgetLines-${line[1]}-${line[2] === 'item' ? 'item' : 'amount'}`;
    return field;
  },
};

const dates: SectionForm = {
  values: (a) => {
    const [year, month, day] = a.startDate ? a.startDate.split('-') : ['', '', ''];
    return {
      'startDate-day': day ? String(Number(day)) : '',
      'startDate-month': month ? String(Number(month)) : '',
      'startDate-year': year ?? '',
      durationMonths: a.durationMonths === null ? '' : String(a.durationMonths),
    };
  },
  read: (body) => ({
    'startDate-day': formText(body, 'startDate-day'),
    'startDate-month': formText(body, 'startDate-month'),
    'startDate-year': formText(body, 'startDate-year'),
    durationMonths: formText(body, 'durationMonths'),
  }),
  parse: (values, _application, errors) => {
    const patch: AnswersPatch = {};
    const startDate = parseDate(values, 'startDate', 'the project will start', errors);
    if (startDate) patch.startDate = startDate;
    const months = text(values, 'durationMonths').replace(/\s*months?$/i, '');
    if (months === '')
      errors.add('durationMonths', 'Enter how many months the project will run for');
    else if (!/^\d{1,3}$/.test(months))
      errors.add('durationMonths', 'Enter the number of months as a whole number, like 12');
    else patch.durationMonths = Number(months);
    return patch;
  },
  fieldId: (field) => (field === 'startDate' ? 'startDate-day' : field),
};

const outcomes: SectionForm = {
  values: (a) => ({ outcomes: a.outcomes, outcomeMeasures: a.outcomeMeasures }),
  read: (body) => ({
    outcomes: formText(body, 'outcomes'),
    outcomeMeasures: formText(body, 'outcomeMeasures'),
  }),
  parse: (values) => ({
    outcomes: text(values, 'outcomes'),
    outcomeMeasures: text(values, 'outcomeMeasures'),
  }),
  fieldId: (field) => field,
};

const beneficiaries: SectionForm = {
  values: (a) => ({
    beneficiaryAgeGroups: a.beneficiaryAgeGroups,
    beneficiaryCount: a.beneficiaryCount === null ? '' : String(a.beneficiaryCount),
    beneficiaryDescription: a.beneficiaryDescription,
  }),
  read: (body) => ({
    beneficiaryAgeGroups: formList(body, 'beneficiaryAgeGroups'),
    beneficiaryCount: formText(body, 'beneficiaryCount'),
    beneficiaryDescription: formText(body, 'beneficiaryDescription'),
  }),
  parse: (values, _application, errors) => {
    const patch: AnswersPatch = {
      beneficiaryAgeGroups: list(values, 'beneficiaryAgeGroups'),
      beneficiaryDescription: text(values, 'beneficiaryDescription'),
    };
    const count = text(values, 'beneficiaryCount').replace(/[,\s]/g, '');
    if (count === '') errors.add('beneficiaryCount', 'Enter how many people will benefit');
    else if (!/^\d{1,9}$/.test(count))
      errors.add('beneficiaryCount', 'Enter the number of people as a whole number, like 60');
    else patch.beneficiaryCount = Number(count);
    return patch;
  },
  fieldId: (field) => field,
};

const declarations: SectionForm = {
  values: (a) => ({
    declarations: [
      ...(a.declarationTrue ? ['true'] : []),
      ...(a.declarationPolicies ? ['policies'] : []),
    ],
  }),
  read: (body) => ({ declarations: formList(body, 'declarations') }),
  parse: (values) => ({
    declarationTrue: list(values, 'declarations').includes('true'),
    declarationPolicies: list(values, 'declarations').includes('policies'),
  }),
  fieldId: (field) => field,
};

export const SECTION_FORMS: Record<SectionKey, SectionForm> = {
  project,
  funding,
  dates,
  outcomes,
  beneficiaries,
  declarations,
};

/**
 * Checks a section's post: what the form could not read, then the answers' own rules (the same
 * ones the service applies on saving), so every problem on the page shows at once. Nothing is
 * saved until this is empty.
 */
export function checkSection(
  section: SectionKey,
  values: SectionValues,
  application: Application,
): { patch: AnswersPatch; errors: FormErrors } {
  const form = SECTION_FORMS[section];
  const found = new FormErrors();
  const patch = form.parse(values, application, found);
  // The amount is checked against the cap of the area the application is in (as on saving).
  const forRules =
    patch.amountRequestedPence !== undefined && patch.areaId === undefined
      ? { ...patch, areaId: application.areaId }
      : patch;
  const ruleErrors = checkAnswers(forRules, application.round, { complete: true }).filter(
    (e) => e.field !== 'areaId' || patch.areaId !== undefined,
  );
  for (const e of ruleErrors) found.add(form.fieldId(e.field), e.message);
  if (section === 'funding' && !found.has() && patch.amountRequestedPence !== undefined) {
    const problem = budgetProblem({
      amountRequestedPence: patch.amountRequestedPence,
      budgetLines: patch.budgetLines ?? [],
    });
    if (problem) found.add('budgetLines', problem);
  }
  return { patch, errors: inPageOrder(found, section, values) };
}

/** Errors the service found on saving, each on its field. */
export function sectionErrors(
  section: SectionKey,
  errors: FieldError[],
  values: SectionValues,
): FormErrors {
  const found = new FormErrors();
  for (const e of errors) found.add(SECTION_FORMS[section].fieldId(e.field), e.message);
  return inPageOrder(found, section, values);
}

/** The ids of a section's fields as the page shows them, top to bottom. */
function pageOrder(section: SectionKey, values: SectionValues): string[] {
  switch (section) {
    case 'project':
      return ['projectTitle', 'projectSummary', 'areaId', 'planThemes', 'themesExplanation'];
    case 'funding':
      return [
        'amountRequested',
        'budgetLines',
        ...(values.budgetLines as BudgetRowValues[]).flatMap((_row, i) => [
          `budgetLines-${i}-item`,
          `budgetLines-${i}-amount`,
        ]),
      ];
    case 'dates':
      return ['startDate-day', 'startDate-month', 'startDate-year', 'durationMonths'];
    case 'outcomes':
      return ['outcomes', 'outcomeMeasures'];
    case 'beneficiaries':
      return ['beneficiaryAgeGroups', 'beneficiaryCount', 'beneficiaryDescription'];
    case 'declarations':
      return ['declarationTrue', 'declarationPolicies'];
  }
}

function inPageOrder(errors: FormErrors, section: SectionKey, values: SectionValues): FormErrors {
  const order = pageOrder(section, values);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const sorted = new FormErrors();
  for (const { href, text: message } of [...errors.summary()].sort(
    (a, b) => rank(a.href.slice(1)) - rank(b.href.slice(1)),
  ))
    sorted.add(href.slice(1), message);
  return sorted;
}

function padRows(rows: BudgetRowValues[]): BudgetRowValues[] {
  const padded = [...rows];
  while (padded.length < Math.max(MIN_BUDGET_ROWS, rows.length + 1))
    padded.push({ item: '', amount: '' });
  return padded;
}

/** A GOV.UK date input (<name>-day, -month, -year) as YYYY-MM-DD, or null with the error added. */
function parseDate(
  values: SectionValues,
  name: string,
  what: string,
  errors: FormErrors,
): string | null {
  return requiredDate(
    dateParts((field) => text(values, field), name),
    name,
    what,
    '1 4 2026',
    errors,
  );
}

/** "For example, 1 6 2026": a date in the range the round allows, for the hint. */
export function startDateHint(application: Application): string {
  const closes = application.round.closesAt;
  const example = new Date(closes.getTime() + 45 * 24 * 60 * 60_000);
  return `The project must start after the round closes on ${formatUkDate(closes)}, and within ${LATEST_START_MONTHS_AFTER_CLOSE} months of it. For example, ${formatUkDate(example, 'd M yyyy')}`;
}

export const AGE_GROUP_ITEMS = Object.entries(AGE_GROUPS).map(([value, label]) => ({
  value,
  text: label,
}));
