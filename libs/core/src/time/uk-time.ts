import { DateTime } from 'luxon';

/** Deadlines are UK local time (with summer time); storage is UTC. */
export const UK_ZONE = 'Europe/London';

export class InvalidUkTimeError extends Error {}

/**
 * Reads a date and time entered in the UK ("2022-10-24" + "17:00") as the instant it names.
 * A time that does not exist (the hour skipped in March) is refused rather than guessed; a time
 * that happens twice (the hour repeated in October) means the first, summer-time one.
 */
export function fromUkLocal(date: string, time: string): Date {
  // The wall-clock fields as written, read without any zone (so the server's zone plays no part).
  const wall = DateTime.fromFormat(`${date.trim()} ${time.trim()}`, 'yyyy-MM-dd H:mm', {
    zone: 'utc',
  });
  if (!wall.isValid) throw new InvalidUkTimeError('Enter a real date and a time like 17:00');
  const fields = {
    year: wall.year,
    month: wall.month,
    day: wall.day,
    hour: wall.hour,
    minute: wall.minute,
  };
  const uk = DateTime.fromObject(fields, { zone: UK_ZONE });
  const sameWallClock = (dt: DateTime) =>
    dt.hour === wall.hour && dt.minute === wall.minute && dt.day === wall.day;
  // In the hour the clocks skip, Luxon moves the time on: the time as written never happens.
  if (!sameWallClock(uk)) {
    throw new InvalidUkTimeError('That time does not exist in the UK (the clocks go forward)');
  }
  // In the hour that happens twice, take the first (summer time) one.
  const hourEarlier = uk.minus({ hours: 1 });
  return (sameWallClock(hourEarlier) ? hourEarlier : uk).toJSDate();
}

/** "24 October 2022 at 5pm" style, GOV.UK's way of writing times. */
export function formatUk(date: Date): string {
  const dt = DateTime.fromJSDate(date, { zone: UK_ZONE });
  const hour = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
  const minutes = dt.minute === 0 ? '' : `:${String(dt.minute).padStart(2, '0')}`;
  const suffix =
    dt.hour === 0 && dt.minute === 0
      ? 'midnight'
      : dt.hour === 12 && dt.minute === 0
        ? 'midday'
        : `${hour}${minutes}${dt.hour < 12 ? 'am' : 'pm'}`;
  return `${dt.toFormat('d MMMM yyyy')} at ${suffix}`;
}

/** The UK date and time fields for a form ("2022-10-24", "17:00"). */
export function toUkFields(date: Date): { date: string; time: string } {
  const dt = DateTime.fromJSDate(date, { zone: UK_ZONE });
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** The UK calendar date of an instant: "24 October 2022", or in the format given. */
export function formatUkDate(date: Date, format = 'd MMMM yyyy'): string {
  return DateTime.fromJSDate(date, { zone: UK_ZONE }).toFormat(format);
}

/** A calendar date with no time of day (YYYY-MM-DD, as a date column holds it): "1 December 2022". */
export function formatCalendarDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat('d MMMM yyyy');
}
