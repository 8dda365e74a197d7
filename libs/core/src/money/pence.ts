/**
 * Money is whole pence as a safe integer everywhere in the code. Text from people is parsed
 * exactly (no floating point), so "£1,000.50" is 100050 and "0.1" is 10.
 */
const AMOUNT = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

export class InvalidAmountError extends Error {}

export function parsePence(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidAmountError('Enter an amount');
  if (trimmed.startsWith('-')) throw new InvalidAmountError('Amount must not be negative');
  const match = AMOUNT.exec(trimmed);
  if (!match) throw new InvalidAmountError('Enter an amount in pounds and pence, like £1,000.50');
  const pounds = match[1].replace(/,/g, '');
  const pence = (match[2] ?? '').padEnd(2, '0');
  const value = Number(pounds) * 100 + Number(pence);
  if (!Number.isSafeInteger(value)) throw new InvalidAmountError('Amount is too large');
  return value;
}

/** "£104,030.33": for display; always two decimals, thousands separated. */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new InvalidAmountError('Not a whole number of pence');
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** Plain pounds for a form field ("1000.50"), so a re-displayed value parses back exactly. */
export function penceToInput(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

/** TypeORM transformer: Postgres bigint comes back as a string; refuse anything unsafe. */
export const penceColumn = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n))
      throw new InvalidAmountError(`Stored amount ${value} is not safe`);
    return n;
  },
};
