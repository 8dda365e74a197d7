import { hasControlCharacters } from '@grants/core';

/** The checks every free-text answer about a grant shares, each with its own message. */
export function textErrors(
  field: string,
  text: string,
  max: number,
  missing?: string,
): { field: string; message: string }[] {
  if (!text) return missing ? [{ field, message: missing }] : [];
  if (text.length > max) return [{ field, message: `This must be ${max} characters or fewer` }];
  // Line breaks are fine in a long answer; other control characters cannot be shown.
  if (hasControlCharacters(text.replace(/\r?\n/g, ' ')))
    return [{ field, message: 'This contains characters that cannot be shown' }];
  return [];
}
