import { InvalidAmountError, parsePence } from '@grants/core';
import { FormErrors } from '../forms';

/**
 * An amount typed in pounds ("£12,500", "12500.50") as whole pence, or null with a message that
 * says exactly what is wrong: missing, negative or zero, more than two decimals, or not a number.
 * `what` completes "Enter ..." (like "how much you are asking for"); `label` starts a sentence.
 */
export function readPounds(
  text: string,
  fieldId: string,
  words: { what: string; label: string },
  errors: FormErrors,
): number | null {
  const value = text.trim();
  if (value === '') {
    errors.add(fieldId, `Enter ${words.what}`);
    return null;
  }
  if (/^-/.test(value) || /^£?\s*-/.test(value)) {
    errors.add(fieldId, `${words.label} must be more than £0`);
    return null;
  }
  if (/\.\d{3,}$/.test(value)) {
    errors.add(
      fieldId,
      `${words.label} must be in pounds and pence, with no more than 2 decimal places, like £1,250.50`,
    );
    return null;
  }
  // A well-formed amount beyond any grant (more than £9,999,999,999,999) is too big, not mistyped.
  const wholePounds = value.replace(/^£/, '').replace(/[,\s]/g, '').split('.')[0];
  if (/^\d+$/.test(wholePounds) && wholePounds.replace(/^0+/, '').length > 13) {
    errors.add(fieldId, `${words.label} is too large: check the number of digits`);
    return null;
  }
  let pence: number;
  try {
    pence = parsePence(value);
  } catch (error) {
    if (!(error instanceof InvalidAmountError)) throw error;
    errors.add(fieldId, `${words.label} must be in pounds, like £1,250 or £1,250.50`);
    return null;
  }
  if (pence <= 0) {
    errors.add(fieldId, `${words.label} must be more than £0`);
    return null;
  }
  return pence;
}
