import { InvalidAmountError, parsePence } from '@grants/core';
import { FormErrors } from './form-errors';

/** "£104,030.33" as 10403033 pence, or null with the given message added to the field. */
export function parseAmount(
  text: string,
  fieldId: string,
  messages: { missing: string; invalid: string },
  errors: FormErrors,
): number | null {
  if (text === '') {
    errors.add(fieldId, messages.missing);
    return null;
  }
  try {
    return parsePence(text);
  } catch (error) {
    if (!(error instanceof InvalidAmountError)) throw error;
    errors.add(fieldId, messages.invalid);
    return null;
  }
}

/** A whole number like "12" (leading zeros and spaces allowed), or null with the message. */
export function parseWholeNumber(
  text: string,
  fieldId: string,
  messages: { missing: string; invalid: string },
  errors: FormErrors,
): number | null {
  if (text === '') {
    errors.add(fieldId, messages.missing);
    return null;
  }
  if (!/^\d{1,6}$/.test(text)) {
    errors.add(fieldId, messages.invalid);
    return null;
  }
  return Number(text);
}

/**
 * A percentage like "70", "70%" or "62.5" as hundredths of a percent (7000, 6250), exactly:
 * thresholds are compared as integers, never as floating point.
 */
export function parsePercentBp(
  text: string,
  fieldId: string,
  messages: { missing: string; invalid: string },
  errors: FormErrors,
): number | null {
  if (text === '') {
    errors.add(fieldId, messages.missing);
    return null;
  }
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text);
  if (!match) {
    errors.add(fieldId, messages.invalid);
    return null;
  }
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (bp > 10000) {
    errors.add(fieldId, messages.invalid);
    return null;
  }
  return bp;
}

/** 7000 as "70", 6250 as "62.5": for showing a stored threshold in a form. */
export function bpToPercentText(bp: number | null): string {
  if (bp === null) return '';
  const whole = Math.floor(bp / 100);
  const fraction = bp % 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}
