import { FieldError, formatPence } from '@grants/core';
import {
  DecisionMethod,
  DEFAULT_APPRAISAL_CHECKLIST,
  DEFAULT_RECOMMEND_THRESHOLD_BP,
  DEFAULT_RESERVE_THRESHOLD_BP,
  GrantRound,
  ORGANISATION_TYPES,
  POLICE_AND_CRIME_PLAN_THEMES,
  RoundInput,
} from '@grants/funds';
import {
  bpToPercentText,
  dateTimeValues,
  DateTimeValues,
  FormBody,
  FormErrors,
  formList,
  formText,
  parseAmount,
  parseDateTime,
  parsePercentBp,
  parseWholeNumber,
  readDateTime,
} from '../../forms';

/** Blank rows the form always offers, so a round can be set up without JavaScript. */
export const CONTRIBUTION_ROWS = 3;
export const AREA_ROWS = 4;
/** Rows read from a post at most (a hand-made post cannot make us read thousands). */
const MAX_ROWS = 20;
/** The service's limits on the appraisal checklist, checked here too so each gets a clear message. */
export const MAX_CHECKLIST_ITEMS = 20;
export const MAX_CHECKLIST_ITEM_LENGTH = 200;

export interface ContributionRow {
  sourceName: string;
  amount: string;
}

export interface AreaRow {
  name: string;
  focusIssue: string;
  cap: string;
  shortlistSize: string;
}

/** What the form shows: the text as entered (or as stored, on the edit page). */
export interface RoundFormValues {
  fundSlug: string;
  code: string;
  title: string;
  theme: string;
  description: string;
  opensAt: DateTimeValues;
  closesAt: DateTimeValues;
  contributions: ContributionRow[];
  minGrant: string;
  maxGrant: string;
  minDurationMonths: string;
  maxDurationMonths: string;
  eligibleOrganisationTypes: string[];
  planThemes: string[];
  areas: AreaRow[];
  decisionMethod: string;
  recommendThresholdPercent: string;
  reserveThresholdPercent: string;
  shortlistSize: string;
  winnersPerArea: string;
  /** One checklist item a line, as typed. */
  appraisalChecklist: string;
  oneApplicationPerArea: boolean;
}

export interface ParsedRoundForm {
  values: RoundFormValues;
  errors: FormErrors;
  /** Set when every field parsed; the service then checks the rules across fields. */
  input: RoundInput | null;
  /** Form row of each contribution and area sent to the service (blank rows are skipped). */
  contributionRows: number[];
  areaRows: number[];
}

const blankDateTime = (): DateTimeValues => ({ day: '', month: '', year: '', time: '' });

function padRows<T>(rows: T[], minimum: number, blank: () => T): T[] {
  const out = [...rows];
  while (out.length < minimum) out.push(blank());
  return out;
}

const blankContribution = (): ContributionRow => ({ sourceName: '', amount: '' });
const blankArea = (): AreaRow => ({ name: '', focusIssue: '', cap: '', shortlistSize: '' });

/** "£104,030.33" without the pound sign, which the field shows as a prefix. */
function amountText(pence: number): string {
  return formatPence(pence).replace(/^£/, '');
}

export function emptyRoundForm(fundSlug = ''): RoundFormValues {
  return {
    fundSlug,
    code: '',
    title: '',
    theme: '',
    description: '',
    opensAt: blankDateTime(),
    closesAt: blankDateTime(),
    contributions: padRows([], CONTRIBUTION_ROWS, blankContribution),
    minGrant: '',
    maxGrant: '',
    minDurationMonths: '',
    maxDurationMonths: '',
    eligibleOrganisationTypes: [],
    planThemes: [],
    areas: padRows([], AREA_ROWS, blankArea),
    decisionMethod: '',
    recommendThresholdPercent: bpToPercentText(DEFAULT_RECOMMEND_THRESHOLD_BP),
    reserveThresholdPercent: bpToPercentText(DEFAULT_RESERVE_THRESHOLD_BP),
    shortlistSize: '3',
    winnersPerArea: '1',
    appraisalChecklist: DEFAULT_APPRAISAL_CHECKLIST.join('\n'),
    oneApplicationPerArea: false,
  };
}

/** The checklist textarea as items: one a line, blank lines dropped. */
export function checklistItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A stored round as the edit form shows it: times in UK time, amounts as pounds. */
export function roundFormValues(round: GrantRound): RoundFormValues {
  const contributions = round.budgetContributions.map((c) => ({
    sourceName: c.sourceName,
    amount: amountText(c.amountPence),
  }));
  const areas = round.areas.map((a) => ({
    name: a.name,
    focusIssue: a.focusIssue,
    cap: a.budgetCapPence === null ? '' : amountText(a.budgetCapPence),
    shortlistSize: a.shortlistSize === null ? '' : String(a.shortlistSize),
  }));
  const empty = emptyRoundForm();
  return {
    fundSlug: round.fund.slug,
    code: round.code,
    title: round.title,
    theme: round.theme,
    description: round.description,
    opensAt: dateTimeValues(round.opensAt),
    closesAt: dateTimeValues(round.closesAt),
    contributions: padRows(
      contributions,
      Math.max(CONTRIBUTION_ROWS, contributions.length + 1),
      blankContribution,
    ),
    minGrant: round.minGrantPence === 0 ? '' : amountText(round.minGrantPence),
    maxGrant: amountText(round.maxGrantPence),
    minDurationMonths: String(round.minDurationMonths),
    maxDurationMonths: String(round.maxDurationMonths),
    eligibleOrganisationTypes: [...round.eligibleOrganisationTypes],
    planThemes: [...round.planThemes],
    areas: padRows(areas, Math.max(AREA_ROWS, areas.length + 1), blankArea),
    decisionMethod: round.decisionMethod,
    recommendThresholdPercent:
      round.recommendThresholdBp === null
        ? empty.recommendThresholdPercent
        : bpToPercentText(round.recommendThresholdBp),
    reserveThresholdPercent:
      round.reserveThresholdBp === null
        ? empty.reserveThresholdPercent
        : bpToPercentText(round.reserveThresholdBp),
    shortlistSize: round.shortlistSize === null ? empty.shortlistSize : String(round.shortlistSize),
    winnersPerArea:
      round.winnersPerArea === null ? empty.winnersPerArea : String(round.winnersPerArea),
    appraisalChecklist: round.appraisalChecklist.join('\n'),
    oneApplicationPerArea: round.oneApplicationPerArea,
  };
}

/** Rows 0..n of a repeated group, as many as were posted (and at least `minimum`). */
function readRows<T>(
  body: FormBody,
  prefix: string,
  keys: (keyof T & string)[],
  minimum: number,
): T[] {
  let count = 0;
  for (let i = 0; i < MAX_ROWS; i += 1)
    if (keys.some((k) => Object.hasOwn(body, `${prefix}-${i}-${k}`))) count = i + 1;
  const rows: T[] = [];
  for (let i = 0; i < Math.max(count, minimum); i += 1)
    rows.push(Object.fromEntries(keys.map((k) => [k, formText(body, `${prefix}-${i}-${k}`)])) as T);
  return rows;
}

/**
 * Reads the posted form. Every field is checked and each problem gets its own message on its
 * own field; only when all of them parse is there an input for the service.
 * `fundSlugs` are the funds a new round may belong to; on the edit page the fund is fixed.
 */
export function parseRoundForm(
  body: FormBody,
  options: { fundSlugs: string[]; fixedFundSlug?: string },
): ParsedRoundForm {
  const errors = new FormErrors();
  const values: RoundFormValues = {
    fundSlug: options.fixedFundSlug ?? formText(body, 'fundSlug'),
    code: formText(body, 'code').toUpperCase(),
    title: formText(body, 'title'),
    theme: formText(body, 'theme'),
    description: formText(body, 'description'),
    opensAt: readDateTime(body, 'opensAt'),
    closesAt: readDateTime(body, 'closesAt'),
    contributions: readRows<ContributionRow>(
      body,
      'budgetContributions',
      ['sourceName', 'amount'],
      CONTRIBUTION_ROWS,
    ),
    minGrant: formText(body, 'minGrant'),
    maxGrant: formText(body, 'maxGrant'),
    minDurationMonths: formText(body, 'minDurationMonths'),
    maxDurationMonths: formText(body, 'maxDurationMonths'),
    eligibleOrganisationTypes: formList(body, 'eligibleOrganisationTypes'),
    planThemes: formList(body, 'planThemes'),
    areas: readRows<AreaRow>(
      body,
      'areas',
      ['name', 'focusIssue', 'cap', 'shortlistSize'],
      AREA_ROWS,
    ),
    decisionMethod: formText(body, 'decisionMethod'),
    recommendThresholdPercent: formText(body, 'recommendThresholdPercent'),
    reserveThresholdPercent: formText(body, 'reserveThresholdPercent'),
    shortlistSize: formText(body, 'shortlistSize'),
    winnersPerArea: formText(body, 'winnersPerArea'),
    appraisalChecklist: formText(body, 'appraisalChecklist'),
    oneApplicationPerArea: formText(body, 'oneApplicationPerArea') === 'yes',
  };

  if (!options.fixedFundSlug && !options.fundSlugs.includes(values.fundSlug))
    errors.add('fundSlug', 'Select the fund this round belongs to');
  if (values.code === '') errors.add('code', 'Enter a round code, like DIV');
  if (values.title === '') errors.add('title', 'Enter a title for the round');
  if (values.theme === '') errors.add('theme', 'Enter the theme of the round, like Diversion');
  if (values.description === '') errors.add('description', 'Enter a description of the round');

  const opensAt = parseDateTime(values.opensAt, 'opensAt', 'the round opens', errors);
  const closesAt = parseDateTime(values.closesAt, 'closesAt', 'the round closes', errors);

  const contributions: RoundInput['budgetContributions'] = [];
  const contributionRows: number[] = [];
  values.contributions.forEach((row, i) => {
    if (row.sourceName === '' && row.amount === '') return;
    const id = `budgetContributions-${i}`;
    if (row.sourceName === '')
      errors.add(
        `${id}-sourceName`,
        'Enter where this money comes from, like Violence Reduction Network',
      );
    const amount = parseAmount(
      row.amount,
      `${id}-amount`,
      {
        missing: `Enter the amount from ${row.sourceName || 'this source'}, like £100,000`,
        invalid: 'Enter the amount in pounds and pence, like £104,030.33',
      },
      errors,
    );
    if (amount !== null) {
      contributions.push({ sourceName: row.sourceName, amountPence: amount });
      contributionRows.push(i);
    }
  });

  const minGrant =
    values.minGrant === ''
      ? 0
      : parseAmount(
          values.minGrant,
          'minGrant',
          {
            missing: '',
            invalid: 'Enter the minimum grant in pounds and pence, like £1,000, or leave it blank',
          },
          errors,
        );
  const maxGrant = parseAmount(
    values.maxGrant,
    'maxGrant',
    {
      missing: 'Enter the maximum grant, like £20,000',
      invalid: 'Enter the maximum grant in pounds and pence, like £20,000',
    },
    errors,
  );
  const minDuration = parseWholeNumber(
    values.minDurationMonths,
    'minDurationMonths',
    {
      missing: 'Enter the shortest project length in months, like 12',
      invalid: 'Enter the shortest project length as a whole number of months, like 12',
    },
    errors,
  );
  const maxDuration = parseWholeNumber(
    values.maxDurationMonths,
    'maxDurationMonths',
    {
      missing: 'Enter the longest project length in months, like 24',
      invalid: 'Enter the longest project length as a whole number of months, like 24',
    },
    errors,
  );

  if (values.eligibleOrganisationTypes.length === 0)
    errors.add(
      'eligibleOrganisationTypes',
      'Select at least one type of organisation that can apply',
    );

  const areas: RoundInput['areas'] = [];
  const areaRows: number[] = [];
  values.areas.forEach((row, i) => {
    if (Object.values(row).every((v) => v === '')) return;
    const id = `areas-${i}`;
    const label = row.name || 'this area';
    if (row.name === '') errors.add(`${id}-name`, 'Enter the name of the area');
    if (row.focusIssue === '')
      errors.add(
        `${id}-focusIssue`,
        `Enter the focus issue for ${label}, like anti-social behaviour in parks`,
      );
    const cap =
      row.cap === ''
        ? null
        : parseAmount(
            row.cap,
            `${id}-cap`,
            {
              missing: '',
              invalid: `Enter the cap for ${label} in pounds and pence, like £10,000`,
            },
            errors,
          );
    const shortlist =
      row.shortlistSize === ''
        ? null
        : parseWholeNumber(
            row.shortlistSize,
            `${id}-shortlistSize`,
            {
              missing: '',
              invalid: `Enter the shortlist size for ${label} as a whole number, like 3`,
            },
            errors,
          );
    areas.push({
      name: row.name,
      focusIssue: row.focusIssue,
      budgetCapPence: cap,
      shortlistSize: shortlist,
    });
    areaRows.push(i);
  });

  // A post without the field at all (not the form) leaves the checklist as it is, or the default.
  const checklistPosted = Object.hasOwn(body, 'appraisalChecklist');
  const checklist = checklistItems(values.appraisalChecklist);
  const seen = new Set<string>();
  const repeated = checklist.find((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
  if (checklist.length > MAX_CHECKLIST_ITEMS)
    errors.add(
      'appraisalChecklist',
      `The checklist can have up to ${MAX_CHECKLIST_ITEMS} items, one on each line`,
    );
  else if (checklist.some((item) => item.length > MAX_CHECKLIST_ITEM_LENGTH))
    errors.add(
      'appraisalChecklist',
      `Each checklist item must be ${MAX_CHECKLIST_ITEM_LENGTH} characters or fewer`,
    );
  else if (repeated !== undefined)
    errors.add(
      'appraisalChecklist',
      `Each checklist item can be listed once: "${repeated}" is listed twice`,
    );

  let decisionMethod: DecisionMethod | null = null;
  let recommendBp: number | null = null;
  let reserveBp: number | null = null;
  let shortlistSize: number | null = null;
  let winnersPerArea: number | null = null;
  if (values.decisionMethod === 'scored') {
    decisionMethod = 'scored';
    recommendBp = parsePercentBp(
      values.recommendThresholdPercent,
      'recommendThresholdPercent',
      {
        missing: 'Enter the funding threshold, like 70%',
        invalid: 'Enter the funding threshold as a percentage from 0 to 100, like 70%',
      },
      errors,
    );
    reserveBp = parsePercentBp(
      values.reserveThresholdPercent,
      'reserveThresholdPercent',
      {
        missing: 'Enter the reserve threshold, like 60%',
        invalid: 'Enter the reserve threshold as a percentage from 0 to 100, like 60%',
      },
      errors,
    );
  } else if (values.decisionMethod === 'public-vote') {
    decisionMethod = 'public-vote';
    shortlistSize = parseWholeNumber(
      values.shortlistSize,
      'shortlistSize',
      {
        missing: 'Enter how many projects each area shortlists, like 3',
        invalid: 'Enter the shortlist size as a whole number, like 3',
      },
      errors,
    );
    winnersPerArea = parseWholeNumber(
      values.winnersPerArea,
      'winnersPerArea',
      {
        missing: 'Enter how many projects win in each area, like 1',
        invalid: 'Enter the number of winners per area as a whole number, like 1',
      },
      errors,
    );
  } else if (values.decisionMethod === 'allocation') {
    // The pot, partners and formula are set on the round's allocation plan.
    decisionMethod = 'allocation';
  } else {
    errors.add('decisionMethod', 'Select how projects are chosen');
  }

  const input: RoundInput | null =
    errors.has() ||
    opensAt === null ||
    closesAt === null ||
    minGrant === null ||
    maxGrant === null ||
    minDuration === null ||
    maxDuration === null ||
    decisionMethod === null
      ? null
      : {
          code: values.code,
          title: values.title,
          theme: values.theme,
          description: values.description,
          opensAt,
          closesAt,
          budgetContributions: contributions,
          minGrantPence: minGrant,
          maxGrantPence: maxGrant,
          minDurationMonths: minDuration,
          maxDurationMonths: maxDuration,
          eligibleOrganisationTypes: values.eligibleOrganisationTypes,
          planThemes: values.planThemes,
          areas,
          decisionMethod,
          recommendThresholdBp: recommendBp,
          reserveThresholdBp: reserveBp,
          shortlistSize,
          winnersPerArea,
          ...(checklistPosted ? { appraisalChecklist: checklist } : {}),
          oneApplicationPerArea: values.oneApplicationPerArea,
        };
  return { values, errors, input, contributionRows, areaRows };
}

const DIRECT_FIELDS: Record<string, string> = {
  fundSlug: 'fundSlug',
  code: 'code',
  title: 'title',
  theme: 'theme',
  description: 'description',
  opensAt: 'opensAt-day',
  closesAt: 'closesAt-day',
  minGrantPence: 'minGrant',
  maxGrantPence: 'maxGrant',
  minDurationMonths: 'minDurationMonths',
  maxDurationMonths: 'maxDurationMonths',
  eligibleOrganisationTypes: 'eligibleOrganisationTypes',
  planThemes: 'planThemes',
  decisionMethod: 'decisionMethod',
  recommendThresholdPercent: 'recommendThresholdPercent',
  reserveThresholdPercent: 'reserveThresholdPercent',
  shortlistSize: 'shortlistSize',
  winnersPerArea: 'winnersPerArea',
  appraisalChecklist: 'appraisalChecklist',
  oneApplicationPerArea: 'oneApplicationPerArea',
};

const CONTRIBUTION_FIELDS: Record<string, string> = {
  sourceName: 'sourceName',
  amountPence: 'amount',
};
const AREA_FIELDS: Record<string, string> = {
  name: 'name',
  focusIssue: 'focusIssue',
  budgetCapPence: 'cap',
  shortlistSize: 'shortlistSize',
};

/**
 * The form field (element id) a service error belongs on: 'budgetContributions.1.amountPence'
 * is the amount box of the form row that became contribution 1.
 */
export function formFieldFor(
  field: string,
  rows: Pick<ParsedRoundForm, 'contributionRows' | 'areaRows'>,
): string {
  if (DIRECT_FIELDS[field]) return DIRECT_FIELDS[field];
  const [group, index, sub] = field.split('.');
  if (group === 'budgetContributions') {
    const row = index === undefined ? 0 : (rows.contributionRows[Number(index)] ?? 0);
    return `budgetContributions-${row}-${CONTRIBUTION_FIELDS[sub] ?? 'sourceName'}`;
  }
  if (group === 'areas') {
    const row = index === undefined ? 0 : (rows.areaRows[Number(index)] ?? 0);
    return `areas-${row}-${AREA_FIELDS[sub] ?? 'name'}`;
  }
  return 'title';
}

export function addServiceErrors(parsed: ParsedRoundForm, fieldErrors: FieldError[]): void {
  for (const error of fieldErrors)
    parsed.errors.add(formFieldFor(error.field, parsed), error.message);
}

/** Choices for the checkboxes, with what is ticked; a stored theme no longer offered stays visible. */
export function roundFormChoices(values: RoundFormValues) {
  const themes = [
    ...POLICE_AND_CRIME_PLAN_THEMES,
    ...values.planThemes.filter(
      (t) => !(POLICE_AND_CRIME_PLAN_THEMES as readonly string[]).includes(t),
    ),
  ];
  return {
    organisationTypes: Object.entries(ORGANISATION_TYPES).map(([value, text]) => ({
      value,
      text,
      checked: values.eligibleOrganisationTypes.includes(value),
    })),
    planThemes: themes.map((theme) => ({
      value: theme,
      text: theme,
      checked: values.planThemes.includes(theme),
    })),
  };
}
