import { formatUkDate } from '@grants/core';

/** CSF-2022-DIV-0007: the fund's code, the year the round opened (UK), the round's code, the number. */
export function applicationReference(
  fundCode: string,
  roundOpensAt: Date,
  roundCode: string,
  sequence: number,
): string {
  return `${fundCode}-${formatUkDate(roundOpensAt, 'yyyy')}-${roundCode}-${String(sequence).padStart(4, '0')}`;
}
