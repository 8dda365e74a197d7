import { DomainException, FieldError, ValidationException } from '@grants/core';
import { FormErrors } from '../../forms';

/**
 * A refusal the person can act on: on its field when the page has one, otherwise as a problem
 * in the error summary. Anything that is not a domain refusal (or is a 5xx) goes up.
 */
export function collectProblems(
  error: unknown,
  errors: FormErrors,
  problems: { text: string }[],
  fields: Record<string, string>,
): number {
  if (!(error instanceof DomainException) || error.status >= 500) throw error;
  const list: FieldError[] =
    error instanceof ValidationException
      ? error.errors
      : [{ field: error.field ?? '', message: error.message }];
  for (const e of list) {
    if (Object.hasOwn(fields, e.field)) errors.add(fields[e.field], e.message);
    else problems.push({ text: e.message });
  }
  return error.status;
}

/** 2000 hundredths of a percent as "20 points": how far apart the assessors are. */
export function spreadText(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = bp % 100;
  return `${fraction === 0 ? whole : `${whole}.${String(fraction).padStart(2, '0')}`} points`;
}
