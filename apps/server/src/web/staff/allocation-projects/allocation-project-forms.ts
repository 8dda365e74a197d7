import { type ReleaseInput } from '@grants/allocations';
import { validateRecordText } from '@grants/awards';
import { ValidationException } from '@grants/core';
import { readPounds } from '../../applicants/pounds-field';
import { asFormBody, FormErrors, formList, formText } from '../../forms';
import { SIGN_OFF_FIELDS, SignOffValues, signOffValues } from '../decisions/sign-off-form';

/** The service's fields, as the approval form's boxes (over budget is about the amount too). */
export const APPROVE_FIELDS: Record<string, string> = { amountPence: 'amount', note: 'note' };
export const DECLINE_FIELDS: Record<string, string> = { reason: 'reason' };
export const RELEASE_FIELDS: Record<string, string> = {
  ...SIGN_OFF_FIELDS,
  organisationIds: 'organisationIds',
};

export interface ApproveValues {
  amount: string;
  note: string;
}

/** The approval as typed, and the amount in pence when it reads as one. */
export function parseApproveForm(raw: unknown): {
  values: ApproveValues;
  errors: FormErrors;
  amountPence: number | null;
} {
  const body = asFormBody(raw);
  const values = { amount: formText(body, 'amount'), note: formText(body, 'note') };
  const errors = new FormErrors();
  const amountPence = readPounds(
    values.amount,
    'amount',
    { what: 'the amount to approve', label: 'The amount to approve' },
    errors,
  );
  return { values, errors, amountPence };
}

export interface ReleaseValues extends SignOffValues {
  organisationIds: string[];
}

/**
 * The release as typed. Every mistake is found at once, before anything is asked of the
 * service: no partner ticked (the service would read that as every partner), and the record's
 * text as the record writer checks it.
 */
export function parseReleaseForm(raw: unknown): {
  values: ReleaseValues;
  errors: FormErrors;
  input: ReleaseInput | null;
} {
  const values = {
    ...signOffValues(raw),
    organisationIds: formList(asFormBody(raw), 'organisationIds'),
  };
  const errors = new FormErrors();
  if (values.organisationIds.length === 0)
    errors.add(
      'organisationIds',
      'Choose the partners whose unspent allocation goes back to the pot',
    );
  try {
    validateRecordText(values);
  } catch (error) {
    if (!(error instanceof ValidationException)) throw error;
    for (const e of error.errors) errors.add(RELEASE_FIELDS[e.field] ?? e.field, e.message);
  }
  return { values, errors, input: errors.has() ? null : values };
}
