import { addDays, endOfUkDay, ukInstant } from '@grants/core';

/** Reminders go at 9am UK time, so they arrive in the working day whatever the season. */
export const REMINDER_TIME = '09:00';
export const OFFER_REMINDER_DAYS_BEFORE = [7, 1] as const;
export const RETURN_REMINDER_DAYS_BEFORE = 7;
export const RETURN_OVERDUE_DAYS_AFTER = 7;

export interface ReminderDue {
  /** Stable per subject: the unique key that makes each reminder go once. */
  kind: string;
  daysLeft?: number;
}

/**
 * Which offer reminders are due now for an offer that lapses at the end of `expiresOn`: each goes
 * from 9am on its day until the offer ends, so a sweep that was down for a day still sends it.
 */
export function offerRemindersDue(expiresOn: string, now: Date): ReminderDue[] {
  if (offerHasLapsed(expiresOn, now)) return [];
  return OFFER_REMINDER_DAYS_BEFORE.filter(
    (days) => now >= ukInstant(addDays(expiresOn, -days), REMINDER_TIME),
  )
    .slice(-1) // only the latest: a late sweep sends "1 day left", not also "7 days left"
    .map((days) => ({ kind: `offer-reminder-${days}d`, daysLeft: days }));
}

export function offerHasLapsed(expiresOn: string, now: Date): boolean {
  return now >= endOfUkDay(expiresOn);
}

/**
 * For a return not yet sent: a reminder from 9am a week before its due day (until the day is
 * over), and an overdue notice from 9am a week after it.
 */
export function returnRemindersDue(dueOn: string, now: Date): ReminderDue[] {
  if (now >= ukInstant(addDays(dueOn, RETURN_OVERDUE_DAYS_AFTER), REMINDER_TIME))
    return [{ kind: 'return-overdue' }];
  if (
    now >= ukInstant(addDays(dueOn, -RETURN_REMINDER_DAYS_BEFORE), REMINDER_TIME) &&
    now < endOfUkDay(dueOn)
  )
    return [{ kind: 'return-due-soon' }];
  return [];
}
