import { fromUkLocal, UK_ZONE } from './uk-time';
import { DateTime } from 'luxon';

/*
 * Calendar dates (YYYY-MM-DD, as date columns hold them) for schedules that run in UK days: a
 * return due on 2 November is due that UK day, whatever the clocks did in between.
 */

export function ukToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: UK_ZONE }).toISODate()!;
}

export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** Whole months on, clamped to the month's end (31 January + 1 month is 28 or 29 February). */
export function addMonths(isoDate: string, months: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ months }).toISODate()!;
}

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/** The instant a UK wall-clock time happens on a calendar date ("09:00" on 26 October). */
export function ukInstant(isoDate: string, time: string): Date {
  return fromUkLocal(isoDate, time);
}

/** The first instant after a UK calendar day ends (midnight starting the next day). */
export function endOfUkDay(isoDate: string): Date {
  return fromUkLocal(addDays(isoDate, 1), '00:00');
}
