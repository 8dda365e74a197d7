import { FormErrors } from './form-errors';

/** A GOV.UK date input as typed: the boxes <name>-day, <name>-month and <name>-year. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateInput =
  | { kind: 'date'; date: string }
  | { kind: 'empty' }
  | { kind: 'error'; fieldId: string; message: string };

export function dateParts(read: (field: string) => string, name: string): DateParts {
  return {
    day: read(`${name}-day`).trim(),
    month: read(`${name}-month`).trim(),
    year: read(`${name}-year`).trim(),
  };
}

/**
 * A calendar date (YYYY-MM-DD) from the three boxes, or what is wrong with them in GOV.UK's words
 * ("The date the payment was made must include a month"), on the box to fix. `what` completes
 * "the date <what>"; `example` is a real date in the form's own terms ("27 3 2023").
 */
export function parseDateInput(
  parts: DateParts,
  name: string,
  what: string,
  example: string,
): DateInput {
  const missing = (['day', 'month', 'year'] as const).filter((k) => parts[k] === '');
  if (missing.length === 3) return { kind: 'empty' };
  if (missing.length > 0)
    return {
      kind: 'error',
      fieldId: `${name}-${missing[0]}`,
      message: `The date ${what} must include a ${missing.join(' and ')}`,
    };
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    /^\d{1,2}$/.test(parts.day) &&
    /^\d{1,2}$/.test(parts.month) &&
    /^\d{4}$/.test(parts.year) &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (!real)
    return {
      kind: 'error',
      fieldId: `${name}-day`,
      message: `The date ${what} must be a real date, like ${example}`,
    };
  return { kind: 'date', date: date.toISOString().slice(0, 10) };
}

/** A date the form needs: the date, or null with the problem added to the form's errors. */
export function requiredDate(
  parts: DateParts,
  name: string,
  what: string,
  example: string,
  errors: FormErrors,
): string | null {
  const input = parseDateInput(parts, name, what, example);
  if (input.kind === 'date') return input.date;
  if (input.kind === 'empty') errors.add(`${name}-day`, `Enter the date ${what}`);
  else errors.add(input.fieldId, input.message);
  return null;
}
