import { DECIMAL_TEXT } from '../formula/rational';

/** One indicator value as staff give it, before it is checked: every field is text. */
export interface ValueRowInput {
  partner: string;
  indicator: string;
  value: string;
  source: string;
  period: string;
}

export interface KnownPartner {
  id: string;
  organisationId: string;
  name: string;
}

export interface KnownIndicator {
  id: string;
  key: string;
  label: string;
}

/** A checked row: the partner and indicator it names, and its value as plain decimal text. */
export interface ValueRow {
  partnerId: string;
  indicatorId: string;
  value: string;
  source: string;
  period: string;
}

export interface RowError {
  /** Where the row is: its number in the file, or its place in the list. */
  row: number;
  column: keyof ValueRowInput;
  message: string;
}

export const MAX_SOURCE_LENGTH = 200;
export const MAX_PERIOD_LENGTH = 100;
/** Beyond this many digits a value is a typing slip, not a statistic. */
const MAX_VALUE_DIGITS = 30;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Checks indicator values against the plan: a partner by its organisation's name or id, an
 * indicator by its key or label (neither minding case), a value that is a number of 0 or more
 * (thousands commas allowed), a source and a period, and each partner and indicator pair once.
 * Every problem in every row is reported, so one pass fixes the file.
 */
export function checkValueRows(
  rows: { row: number; input: ValueRowInput }[],
  partners: KnownPartner[],
  indicators: KnownIndicator[],
): { rows: ValueRow[]; errors: RowError[] } {
  const partnerBy = new Map<string, KnownPartner>();
  for (const p of partners) {
    partnerBy.set(fold(p.name), p);
    partnerBy.set(p.organisationId.toLowerCase(), p);
  }
  const indicatorBy = new Map<string, KnownIndicator>();
  for (const i of indicators) {
    indicatorBy.set(fold(i.label), i);
    indicatorBy.set(i.key.toLowerCase(), i);
  }
  const seen = new Map<string, number>();
  const checked: ValueRow[] = [];
  const errors: RowError[] = [];
  for (const { row, input } of rows) {
    const fail = (column: keyof ValueRowInput, message: string) =>
      errors.push({ row, column, message });
    const before = errors.length;
    const partner = input.partner.trim() ? partnerBy.get(fold(input.partner)) : undefined;
    if (!input.partner.trim()) fail('partner', 'Enter the partner');
    else if (!partner) fail('partner', `“${input.partner.trim()}” is not a partner in this plan`);
    const indicator = input.indicator.trim() ? indicatorBy.get(fold(input.indicator)) : undefined;
    if (!input.indicator.trim()) fail('indicator', 'Enter the indicator');
    else if (!indicator)
      fail('indicator', `“${input.indicator.trim()}” is not an indicator in this plan`);
    const value = valueOf(input.value);
    if (typeof value === 'object') fail('value', value.error);
    const source = input.source.trim();
    if (!source) fail('source', 'Enter where the figure comes from, like ONS mid-year estimates');
    else if (source.length > MAX_SOURCE_LENGTH)
      fail('source', `The source must be ${MAX_SOURCE_LENGTH} characters or fewer`);
    const period = input.period.trim();
    if (!period) fail('period', 'Enter the period the figure covers, like 2022-23');
    else if (period.length > MAX_PERIOD_LENGTH)
      fail('period', `The period must be ${MAX_PERIOD_LENGTH} characters or fewer`);
    if (partner && indicator) {
      const pair = `${partner.id}/${indicator.id}`;
      const first = seen.get(pair);
      if (first !== undefined)
        fail(
          'indicator',
          `${partner.name} already has a ${indicator.label} value (row ${first}): give each partner one value per indicator`,
        );
      else seen.set(pair, row);
    }
    if (errors.length === before && partner && indicator && typeof value === 'string')
      checked.push({ partnerId: partner.id, indicatorId: indicator.id, value, source, period });
  }
  return { rows: checked, errors };
}

/** The value as plain decimal text ("325000", "23.4"), or why it is not one. */
function valueOf(text: string): string | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'Enter the value' };
  const plain = GROUPED.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
  if (/^-/.test(plain) && DECIMAL_TEXT.test(plain.slice(1)))
    return { error: 'The value must be 0 or more' };
  if (!DECIMAL_TEXT.test(plain))
    return { error: `“${trimmed}” is not a number, like 325000 or 23.4` };
  if (plain.replace('.', '').length > MAX_VALUE_DIGITS) return { error: 'The value is too long' };
  return plain;
}
