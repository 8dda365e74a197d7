/**
 * Control characters other than tab and line breaks: nothing a person types in a form, and
 * trouble in emails, CSV exports and PostgreSQL text (NUL). Free-text answers refuse them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}
