import { addDays, addMonths, isIsoDate } from '@grants/core';
import { DateTime } from 'luxon';
import { orgIdentifier } from '@grants/organisations';

/**
 * The 360Giving Data Standard's rules for our data, kept apart from the database so they can be
 * tested on their own: amounts, identifiers, planned dates.
 */

/** Pounds as a plain decimal ("12345.67") built from whole pence: no floating point arithmetic. */
export function poundsText(pence: number): string {
  if (!Number.isSafeInteger(pence) || pence < 0)
    throw new RangeError(`Not a whole, non-negative number of pence: ${pence}`);
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

/**
 * The JSON number for an amount. Parsing the exact decimal text gives the double nearest to it,
 * which JSON.stringify writes back as that same text (15000.5 for 1500050 pence, 12345.67 ...).
 */
export function poundsNumber(pence: number): number {
  return Number(poundsText(pence));
}

/** "Office of the PCC for Leicestershire" → "office-of-the-pcc-for-leicestershire". */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A grant's identifier: the office's 360G- prefix and the application reference. */
export function grantIdentifier(prefix: string, reference: string): string {
  return `${prefix}-${reference}`;
}

/**
 * The funder's identifier. The office has no charity or company number to use, so it is the
 * office's own 360G- prefix and the owning office's name as a slug; a fund run by a different
 * office then gets a different, stable identifier.
 */
export function funderIdentifier(prefix: string, owningOffice: string): string {
  return `${prefix}-${slugOf(owningOffice)}`;
}

/**
 * A recipient's identifier: GB-CHC- (or GB-SC-, GB-NIC-) for a registered charity, GB-COH- for a
 * company (numbers are stored with their leading zeros; padded again here in case an old row
 * lost them), otherwise the office's prefix and our own id for the organisation.
 */
export function recipientIdentifier(
  prefix: string,
  org: { id: string; charityNumber: string | null; companyNumber: string | null },
): string {
  const companyNumber =
    org.companyNumber && /^\d+$/.test(org.companyNumber)
      ? org.companyNumber.padStart(8, '0')
      : org.companyNumber;
  return (
    orgIdentifier({ charityNumber: org.charityNumber, companyNumber }) ?? `${prefix}-org-${org.id}`
  );
}

export interface PlannedDates {
  startDate: string;
  endDate: string;
  duration: number;
}

/** The dates agreed for an accepted grant; the duration is in whole months, rounded. */
export function agreedDates(startDate: string, endDate: string): PlannedDates {
  const start = DateTime.fromISO(startDate, { zone: 'utc' });
  const end = DateTime.fromISO(endDate, { zone: 'utc' }).plus({ days: 1 });
  return {
    startDate,
    endDate,
    duration: Math.max(1, Math.round(end.diff(start, 'months').months)),
  };
}

/**
 * The project's planned dates: it starts on its start date and runs for whole months, so it
 * ends the day before the same date `months` later (1 April for 12 months ends 31 March), as
 * the grant's own schedule counts it.
 */
export function plannedDates(startDate: string | null, months: number | null): PlannedDates | null {
  if (!startDate || months === null || months <= 0) return null;
  if (!isIsoDate(startDate)) return null;
  return { startDate, endDate: addDays(addMonths(startDate, months), -1), duration: months };
}
