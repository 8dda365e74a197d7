import { fromUkLocal, InvalidUkTimeError, toUkFields } from '@grants/core';
import { DateTime } from 'luxon';
import { FormBody, formText } from './form-body';
import { FormErrors } from './form-errors';

/**
 * A date and time entered in UK time with the GOV.UK date input (day, month, year) and a time
 * box beside it: fields <name>-day, <name>-month, <name>-year and <name>-time.
 */
export interface DateTimeValues {
  day: string;
  month: string;
  year: string;
  time: string;
}

export function readDateTime(body: FormBody, name: string): DateTimeValues {
  return {
    day: formText(body, `${name}-day`),
    month: formText(body, `${name}-month`),
    year: formText(body, `${name}-year`),
    time: formText(body, `${name}-time`),
  };
}

export function dateTimeValues(date: Date): DateTimeValues {
  const { date: ymd, time } = toUkFields(date);
  const [year, month, day] = ymd.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year, time };
}

/**
 * "17:00", "17.00", "5pm", "5:30pm", "9 am", "midday", "midnight" as "H:mm"; null when it is not
 * a time. A bare "5" is refused: it could be morning or evening.
 */
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon' || t === '12noon') return '12:00';
  if (t === 'midnight' || t === '12midnight') return '0:00';
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t);
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (minute > 59) return null;
  if (match[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[3] === 'pm' ? 12 : 0);
  } else if (hour > 23) return null;
  return `${hour}:${String(minute).padStart(2, '0')}`;
}

/**
 * The instant named, or null with an error added: on <name>-day for the date and <name>-time
 * for the time, so the error summary links to the box to fix. `what` completes "the date <what>".
 */
export function parseDateTime(
  values: DateTimeValues,
  name: string,
  what: string,
  errors: FormErrors,
): Date | null {
  const parts = { day: values.day, month: values.month, year: values.year };
  const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((k) => parts[k] === '');
  let date: string | null = null;
  if (missing.length === 3) {
    errors.add(`${name}-day`, `Enter the date ${what}`);
  } else if (missing.length > 0) {
    errors.add(`${name}-${missing[0]}`, `The date ${what} must include a ${missing.join(' and ')}`);
  } else if (
    !/^\d{1,2}$/.test(parts.day) ||
    !/^\d{1,2}$/.test(parts.month) ||
    !/^\d{4}$/.test(parts.year)
  ) {
    errors.add(`${name}-day`, `The date ${what} must be a real date, like 24 10 2022`);
  } else {
    const dt = DateTime.fromObject(
      {
        year: Number(parts.year),
        month: Number(parts.month),
        day: Number(parts.day),
      },
      { zone: 'utc' },
    );
    if (!dt.isValid)
      errors.add(`${name}-day`, `The date ${what} must be a real date, like 24 10 2022`);
    else date = dt.toFormat('yyyy-MM-dd');
  }

  const time = values.time === '' ? null : parseTime(values.time);
  if (values.time === '') errors.add(`${name}-time`, `Enter the time ${what}, like 9am or 17:00`);
  else if (time === null)
    errors.add(`${name}-time`, `Enter the time ${what} as a time of day, like 9am or 17:00`);

  if (date === null || time === null) return null;
  try {
    return fromUkLocal(date, time);
  } catch (error) {
    if (!(error instanceof InvalidUkTimeError)) throw error;
    errors.add(
      `${name}-time`,
      `There is no ${values.time} on that day in the UK (the clocks go forward): enter another time`,
    );
    return null;
  }
}
