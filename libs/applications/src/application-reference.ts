import { formatUkDate } from '@grants/core';

/** CSF-2022-DIV-0007: the fund's code, the year the round opened (UK), the round's code, the number. */
export function applicationReference(
  fundCode: string,
  roundOpensAt: Date,
  roundCode: string,
  sequence: number,
): string {
  return `${referencePrefix(fundCode, roundOpensAt, roundCode)}${String(sequence).padStart(REFERENCE_DIGITS, '0')}`;
}

/** The reference without its number ("CSF-2022-DIV-"). */
export function referencePrefix(fundCode: string, roundOpensAt: Date, roundCode: string): string {
  return `${fundCode}-${formatUkDate(roundOpensAt, 'yyyy')}-${roundCode}-`;
}

/** The number has at least this many digits, zero-padded. */
export const REFERENCE_DIGITS = 4;

/** The same reference built in SQL, from the prefix and an integer expression. */
export function referenceSql(prefixSql: string, sequenceSql: string): string {
  return `${prefixSql} || lpad(${sequenceSql}::text, greatest(${REFERENCE_DIGITS}, length(${sequenceSql}::text)), '0')`;
}
