import { isEmail } from 'class-validator';

export const EMAIL_MISSING = 'Enter your email address';
export const EMAIL_INVALID = 'Enter an email address in the correct format, like name@example.com';

/** Trimmed and lower-cased, or the message for the email field (the same words on every form). */
export function checkEmailAddress(value: unknown): { email: string } | { error: string } {
  if (typeof value !== 'string' || value.trim() === '') return { error: EMAIL_MISSING };
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !isEmail(email)) return { error: EMAIL_INVALID };
  return { email };
}
