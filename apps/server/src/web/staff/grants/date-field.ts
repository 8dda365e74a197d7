import { DateTime } from 'luxon';
import { FormBody, FormErrors, formText } from '../../forms';

/** A GOV.UK date input as typed: fields <name>-day, <name>-month and <name>-year. */
export interface DateValues {
  day: string;
  month: string;
  year: string;
}

export function readDateValues(body: FormBody, name: string): DateValues {
  return {
    day: formText(body, `${name}-day`),
    month: formText(body, `${name}-month`),
    year: formText(body, `${name}-year`),
  };
}

/**
 * The calendar date typed (YYYY-MM-DD), or null with the GOV.UK message on the box to fix:
 * `what` completes "Enter the date <what>".
 */
export function parseDateValues(
  values: DateValues,
  name: string,
  what: string,
  errors: FormErrors,
): string | null {
  const parts = (['day', 'month', 'year'] as const).filter((k) => values[k] === '');
  if (parts.length === 3) {
    errors.add(`${name}-day`, `Enter the date ${what}`);
    return null;
  }
  if (parts.length > 0) {
    errors.add(`${name}-${parts[0]}`, `The date ${what} must include a ${parts.join(' and ')}`);
    return null;
  }
  const real = `The date ${what} must be a real date, like 27 3 2023`;
  if (
    !/^\d{1,2}$/.test(values.day) ||
    !/^\d{1,2}$/.test(values.month) ||
    !/^\d{4}$/.test(values.year)
  ) {
    errors.add(`${name}-day`, real);
    return null;
  }
  const date = DateTime.fromObject(
    { year: Number(values.year), month: Number(values.month), day: Number(values.day) },
    { zone: 'utc' },
  );
  if (!date.isValid) {
    errors.add(`${name}-day`, real);
    return null;
  }
  return date.toFormat('yyyy-MM-dd');
}
