import { penceToInput } from '@grants/core';
import type { MonitoringReturn, ReturnAnswers, VariationRequest } from '@grants/monitoring';
import { dateParts, FormBody, FormErrors, formText, parseDateInput } from '../forms';
import { readPounds } from './pounds-field';

/*
 * The grantee's two forms: a monitoring return and a request to change the grant. Parsing
 * catches only what the form itself can get wrong (pounds that are not an amount, a date that
 * is not one); the rest (required answers, lengths, the RAG reason) is the service's. A value
 * the form could not read goes to the service as one it refuses, so a single post shows every
 * problem at once and writes nothing.
 */

/** Refused by the service's own checks: a bad amount or count reaches it as this. */
const UNREADABLE = -1;

export interface ReturnFormValues {
  progress: string;
  spendToDate: string;
  peopleReached: string;
  outcomes: string;
  rag: string;
  ragReason: string;
  changesNeeded: string;
}

/** The return form's fields, in page order (the error summary follows it). */
export const RETURN_FIELDS: (keyof ReturnFormValues)[] = [
  'progress',
  'spendToDate',
  'peopleReached',
  'outcomes',
  'rag',
  'ragReason',
  'changesNeeded',
];

export function readReturnForm(body: FormBody): ReturnFormValues {
  return Object.fromEntries(
    RETURN_FIELDS.map((field) => [field, formText(body, field)]),
  ) as unknown as ReturnFormValues;
}

/** What the grantee sent before (answering a question pre-fills it), or an empty form. */
export function returnFormValues(r: MonitoringReturn): ReturnFormValues {
  return {
    progress: r.progress ?? '',
    spendToDate: r.spendToDatePence === null ? '' : penceToInput(r.spendToDatePence),
    peopleReached: r.peopleReached === null ? '' : String(r.peopleReached),
    outcomes: r.outcomes ?? '',
    rag: r.granteeRag ?? '',
    ragReason: r.granteeRagReason ?? '',
    changesNeeded: r.changesNeeded ?? '',
  };
}

/** The answers for MonitoringReturnsService.submit; form errors are added to `errors`. */
export function parseReturnForm(values: ReturnFormValues, errors: FormErrors): ReturnAnswers {
  return {
    progress: values.progress,
    spendToDatePence: readSpend(values.spendToDate, errors) ?? UNREADABLE,
    peopleReached: readCount(values.peopleReached, errors) ?? UNREADABLE,
    outcomes: values.outcomes,
    rag: values.rag,
    // The reason box asks about amber or red only: anything in it beside green is not kept.
    ragReason: values.rag === 'green' ? '' : values.ragReason,
    changesNeeded: values.changesNeeded,
  };
}

/** Grant spent so far: unlike a grant amount, nothing spent yet (£0) is a true answer. */
function readSpend(text: string, errors: FormErrors): number | null {
  const value = text.trim();
  if (/^£?\s*0+(?:\.0{1,2})?$/.test(value)) return 0;
  return readPounds(
    value,
    'spendToDate',
    { what: 'how much of the grant you have spent so far', label: 'Spend to date' },
    errors,
  );
}

function readCount(text: string, errors: FormErrors): number | null {
  const value = text.trim().replace(/,/g, '');
  if (value === '') {
    errors.add('peopleReached', 'Enter the number of people reached so far, like 40');
    return null;
  }
  if (!/^\d{1,8}$/.test(value)) {
    errors.add('peopleReached', 'Enter the number of people reached as a whole number, like 40');
    return null;
  }
  return Number(value);
}

export interface VariationFormValues {
  newAmount: string;
  'newEndOn-day': string;
  'newEndOn-month': string;
  'newEndOn-year': string;
  budgetChanges: string;
  reason: string;
}

export const VARIATION_FIELDS: (keyof VariationFormValues)[] = [
  'newAmount',
  'newEndOn-day',
  'newEndOn-month',
  'newEndOn-year',
  'budgetChanges',
  'reason',
];

export const emptyVariationForm = (): VariationFormValues => ({
  newAmount: '',
  'newEndOn-day': '',
  'newEndOn-month': '',
  'newEndOn-year': '',
  budgetChanges: '',
  reason: '',
});

export function readVariationForm(body: FormBody): VariationFormValues {
  return Object.fromEntries(
    VARIATION_FIELDS.map((field) => [field, formText(body, field)]),
  ) as unknown as VariationFormValues;
}

export interface ParsedVariation {
  request: VariationRequest;
  /** Where the service's errors go on the page: its field names to element ids. */
  fieldIds: Record<string, string>;
}

/** The request for AwardVariationsService.request; form errors are added to `errors`. */
export function parseVariationForm(
  values: VariationFormValues,
  errors: FormErrors,
): ParsedVariation {
  let newAmountPence: number | null = null;
  if (values.newAmount.trim() !== '')
    newAmountPence =
      readPounds(
        values.newAmount,
        'newAmount',
        { what: 'the new grant amount', label: 'The new grant amount' },
        errors,
      ) ?? 0;
  const date = readOptionalDate(values, 'newEndOn', 'the project will now end', errors);
  return {
    request: {
      newAmountPence,
      newEndOn: date.value,
      budgetChanges: values.budgetChanges,
      reason: values.reason,
    },
    fieldIds: {
      newAmount: 'newAmount',
      newEndOn: date.fieldId,
      budgetChanges: 'budgetChanges',
      reason: 'reason',
    },
  };
}

/**
 * An optional GOV.UK date input: all three boxes empty is no answer (null); anything else must
 * be a real date. A date that is not one reaches the service as text it refuses.
 */
function readOptionalDate(
  values: VariationFormValues,
  name: 'newEndOn',
  what: string,
  errors: FormErrors,
): { value: string | null; fieldId: string } {
  const input = parseDateInput(
    dateParts((field) => values[field as keyof VariationFormValues], name),
    name,
    what,
    '31 3 2027',
  );
  if (input.kind === 'date') return { value: input.date, fieldId: `${name}-day` };
  if (input.kind === 'empty') return { value: null, fieldId: `${name}-day` };
  errors.add(input.fieldId, input.message);
  return { value: 'not-a-date', fieldId: input.fieldId };
}

/** The errors again in the order of the page's fields, so the summary reads top to bottom. */
export function inPageOrder(errors: FormErrors, order: readonly string[]): FormErrors {
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const sorted = new FormErrors();
  for (const { href, text } of [...errors.summary()].sort(
    (a, b) => rank(a.href.slice(1)) - rank(b.href.slice(1)),
  ))
    sorted.add(href.slice(1), text);
  return sorted;
}
