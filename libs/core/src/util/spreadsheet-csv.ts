import { Input, Options, stringify } from 'csv-stringify/sync';

/**
 * A text cell a spreadsheet would run as a formula (one that starts with = + - @, a tab or a
 * carriage return) gets an apostrophe in front, so it is shown as typed.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV for people to open in a spreadsheet: csv-stringify, with every text cell neutralised. */
export function spreadsheetCsv(records: Input, options: Omit<Options, 'cast'> = {}): string {
  return stringify(records, { ...options, cast: { string: neutraliseFormula } });
}
