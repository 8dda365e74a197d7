import type { AssessmentCriterion, CriterionInput } from '@grants/assessment';
import type { FieldError } from '@grants/core';
import { FormBody, FormErrors, formText } from '../../forms';

/** Rows on the form; blank ones are ignored, so a rubric can have up to this many criteria. */
export const RUBRIC_ROWS = 8;

export interface CriterionRowValues {
  title: string;
  guidance: string;
  maxScore: string;
  weight: string;
}

export interface ParsedRubricForm {
  rows: CriterionRowValues[];
  errors: FormErrors;
  /** Criteria to save when the form itself is sound (the service checks the rest). */
  input: CriterionInput[] | null;
  /** Every non-blank row as read (numbers NaN where unreadable), for checking titles anyway. */
  criteria: CriterionInput[];
  /** The service's index of each criterion → the form row it came from (blank rows skipped). */
  rowOf: number[];
}

const FIELDS = ['title', 'guidance', 'maxScore', 'weight'] as const;

/** The field's id and name on the form, e.g. "criteria-2-weight". */
export function rowFieldId(row: number, field: (typeof FIELDS)[number]): string {
  return `criteria-${row}-${field}`;
}

function blankRow(): CriterionRowValues {
  return { title: '', guidance: '', maxScore: '', weight: '' };
}

/** The form as it starts: the saved criteria, then blank rows. */
export function rubricFormRows(criteria: AssessmentCriterion[]): CriterionRowValues[] {
  const rows = criteria.slice(0, RUBRIC_ROWS).map((c) => ({
    title: c.title,
    guidance: c.guidance,
    maxScore: String(c.maxScore),
    weight: String(c.weight),
  }));
  while (rows.length < RUBRIC_ROWS) rows.push(blankRow());
  return rows;
}

/** "25" or "25%": a whole number; anything else is NaN (reported by the form). */
function wholeNumber(text: string, percent: boolean): number {
  const pattern = percent ? /^\d{1,3}\s*%?$/ : /^\d{1,3}$/;
  return pattern.test(text) ? Number(text.replace('%', '').trim()) : NaN;
}

export function parseRubricForm(body: FormBody): ParsedRubricForm {
  const errors = new FormErrors();
  const rows: CriterionRowValues[] = [];
  const input: CriterionInput[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < RUBRIC_ROWS; row += 1) {
    const values = blankRow();
    for (const field of FIELDS) values[field] = formText(body, rowFieldId(row, field));
    rows.push(values);
    if (FIELDS.every((field) => values[field] === '')) continue;
    const n = input.length + 1;
    const maxScore = wholeNumber(values.maxScore, false);
    const weight = wholeNumber(values.weight, true);
    if (values.maxScore === '')
      errors.add(rowFieldId(row, 'maxScore'), `Enter the maximum score of criterion ${n}`);
    else if (Number.isNaN(maxScore))
      errors.add(
        rowFieldId(row, 'maxScore'),
        `The maximum score of criterion ${n} must be a whole number from 1 to 100`,
      );
    if (values.weight === '')
      errors.add(rowFieldId(row, 'weight'), `Enter the weight of criterion ${n}`);
    else if (Number.isNaN(weight))
      errors.add(
        rowFieldId(row, 'weight'),
        `The weight of criterion ${n} must be a whole percentage from 1 to 100`,
      );
    input.push({ title: values.title, guidance: values.guidance, maxScore, weight });
    rowOf.push(row);
  }
  return { rows, errors, input: errors.size === 0 ? input : null, criteria: input, rowOf };
}

/** Weights as typed, added up, for the running note beside the form. */
export function weightTotal(rows: CriterionRowValues[]): number {
  return rows.reduce((sum, row) => {
    const weight = wholeNumber(row.weight, true);
    return sum + (Number.isNaN(weight) ? 0 : weight);
  }, 0);
}

/** The service's `criteria.<i>.<field>` errors on the form's own fields; `criteria` on the table. */
export function addRubricErrors(
  parsed: ParsedRubricForm,
  errors: FieldError[],
  fallbackId = 'criteria',
): void {
  for (const error of errors) {
    const match = /^criteria\.(\d+)\.(title|guidance|maxScore|weight)$/.exec(error.field);
    const row = match ? parsed.rowOf[Number(match[1])] : undefined;
    if (match && row !== undefined)
      parsed.errors.add(rowFieldId(row, match[2] as (typeof FIELDS)[number]), error.message);
    else parsed.errors.add(fallbackId, error.message);
  }
}
