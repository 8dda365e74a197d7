import { APPRAISAL_OUTCOMES, AppraisalInput, AppraisalOutcome } from '@grants/applications';
import { FieldError } from '@grants/core';
import { FormBody, FormErrors, formList, formText } from '../../forms';

/**
 * Each outcome has its own text box, revealed under its radio: the note for eligible (optional),
 * the reason for not eligible and the question for more information (both sent to the applicant).
 */
export const OUTCOME_TEXT_FIELDS: Record<AppraisalOutcome, string> = {
  eligible: 'eligibleNote',
  ineligible: 'ineligibleReason',
  'more-information': 'question',
};

export interface AppraisalFormValues {
  confirmed: string[];
  outcome: string;
  eligibleNote: string;
  /** Staff only: why it is eligible although an automatic check failed. */
  overrideReason: string;
  ineligibleReason: string;
  question: string;
}

export interface ParsedAppraisalForm {
  values: AppraisalFormValues;
  errors: FormErrors;
  /** Set when the form can go to the service (which checks the rules across fields). */
  input: AppraisalInput | null;
}

export function isOutcome(value: string): value is AppraisalOutcome {
  return (APPRAISAL_OUTCOMES as string[]).includes(value);
}

/** The form as it first shows: the checklist as saved, no outcome chosen. */
export function appraisalFormValues(saved: Record<string, boolean>): AppraisalFormValues {
  return {
    confirmed: Object.entries(saved)
      .filter(([, ticked]) => ticked)
      .map(([item]) => item),
    outcome: '',
    eligibleNote: '',
    overrideReason: '',
    ineligibleReason: '',
    question: '',
  };
}

/**
 * Reads the appraisal form. "Save checklist" (action=save) sends the ticks alone; "Record
 * outcome" needs an outcome, and takes the reason from the box under the outcome chosen.
 */
export function parseAppraisalForm(body: FormBody): ParsedAppraisalForm {
  const errors = new FormErrors();
  const values: AppraisalFormValues = {
    confirmed: formList(body, 'confirmed'),
    outcome: formText(body, 'outcome'),
    eligibleNote: formText(body, 'eligibleNote'),
    overrideReason: formText(body, 'overrideReason'),
    ineligibleReason: formText(body, 'ineligibleReason'),
    question: formText(body, 'question'),
  };
  if (formText(body, 'action') === 'save')
    return { values, errors, input: { confirmed: values.confirmed } };
  if (!isOutcome(values.outcome)) {
    errors.add(
      'outcome',
      'Select the outcome: eligible, not eligible, or ask for more information',
    );
    return { values, errors, input: null };
  }
  const reason = values[OUTCOME_TEXT_FIELDS[values.outcome] as keyof AppraisalFormValues] as string;
  return {
    values,
    errors,
    input: {
      confirmed: values.confirmed,
      outcome: values.outcome,
      ...(reason ? { reason } : {}),
      ...(values.outcome === 'eligible' && values.overrideReason
        ? { overrideReason: values.overrideReason }
        : {}),
    },
  };
}

/** The form field (element id) a service error belongs on. */
export function appraisalFieldFor(field: string | undefined, outcome: string): string {
  if (field === 'confirmed' || field === 'overrideReason') return field;
  if (field === 'reason' && isOutcome(outcome)) return OUTCOME_TEXT_FIELDS[outcome];
  return 'outcome';
}

export function addAppraisalErrors(parsed: ParsedAppraisalForm, fieldErrors: FieldError[]): void {
  for (const error of fieldErrors)
    parsed.errors.add(appraisalFieldFor(error.field, parsed.values.outcome), error.message);
}
