import type {
  AllocationPlanView,
  IndicatorInput,
  PlanSettings,
  ValueRowInput,
} from '@grants/allocations';
import { MAX_INDICATORS, MAX_WEIGHT } from '@grants/allocations';
import { FieldError, formatPence } from '@grants/core';
import { readPounds } from '../../applicants/pounds-field';
import { FormBody, FormErrors, formText } from '../../forms';

/** The CSV box takes what the API takes: every partner and indicator fits well within it. */
export const MAX_CSV_LENGTH = 500_000;
/** Blank indicator rows the form always offers, so one can be added without JavaScript. */
export const BLANK_INDICATOR_ROWS = 2;
const MIN_INDICATOR_ROWS = 3;

/** "£500,000.00" as the form shows it: the pound sign is the field's prefix. */
export const poundsText = (pence: number | null): string =>
  pence === null ? '' : formatPence(pence).replace(/^£/, '');

// ---- pot, minimum and maximum ----

export interface SettingsValues {
  pot: string;
  floor: string;
  cap: string;
}

/** The service's fields, as the form's boxes. */
export const SETTINGS_FIELDS: Record<string, string> = {
  potPence: 'pot',
  floorPence: 'floor',
  capPence: 'cap',
};

export function settingsValues(
  plan: Pick<AllocationPlanView, 'potPence' | 'floorPence' | 'capPence'>,
) {
  return {
    pot: poundsText(plan.potPence),
    floor: poundsText(plan.floorPence),
    cap: poundsText(plan.capPence),
  };
}

/**
 * The pot, minimum and maximum typed in pounds, as pence. A blank minimum or maximum is none; a
 * blank pot is the round's budget when the plan is made, and missing when it is changed.
 */
export function parseSettingsForm(
  body: FormBody,
  creating: boolean,
): { values: SettingsValues; errors: FormErrors; settings: PlanSettings | null } {
  const values = {
    pot: formText(body, 'pot'),
    floor: formText(body, 'floor'),
    cap: formText(body, 'cap'),
  };
  const errors = new FormErrors();
  const potPence =
    creating && values.pot === ''
      ? undefined
      : readPounds(values.pot, 'pot', { what: 'the pot to share', label: 'The pot' }, errors);
  const optional = (text: string, id: string, label: string) =>
    text === '' ? null : readPounds(text, id, { what: label.toLowerCase(), label }, errors);
  const floorPence = optional(values.floor, 'floor', 'The minimum allocation');
  const capPence = optional(values.cap, 'cap', 'The maximum allocation');
  return {
    values,
    errors,
    settings: errors.has() ? null : { potPence: potPence ?? undefined, floorPence, capPence },
  };
}

// ---- indicators and weights ----

export interface IndicatorRow {
  key: string;
  label: string;
  weight: string;
}

const blankIndicator = (): IndicatorRow => ({ key: '', label: '', weight: '' });

export function indicatorRows(plan: Pick<AllocationPlanView, 'indicators'>): IndicatorRow[] {
  const rows = plan.indicators.map((i) => ({
    key: i.key,
    label: i.label,
    weight: String(i.weight),
  }));
  return padIndicatorRows(rows);
}

function padIndicatorRows(rows: IndicatorRow[]): IndicatorRow[] {
  const out = [...rows];
  const size = Math.max(MIN_INDICATOR_ROWS, rows.length + BLANK_INDICATOR_ROWS);
  while (out.length < size) out.push(blankIndicator());
  return out;
}

/** "Violence with injury" as "violence-with-injury": the key a label gives when none is typed. */
export function keyFromLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export interface ParsedIndicators {
  rows: IndicatorRow[];
  errors: FormErrors;
  input: IndicatorInput[] | null;
  /** The form row each indicator sent to the service came from. */
  sentRows: number[];
}

/** The rows as posted (blank ones skipped); a weight is a whole number from 0 to the maximum. */
export function parseIndicatorsForm(body: FormBody): ParsedIndicators {
  const errors = new FormErrors();
  let count = 0;
  for (let i = 0; i < MAX_INDICATORS + BLANK_INDICATOR_ROWS + MIN_INDICATOR_ROWS; i += 1)
    if (['key', 'label', 'weight'].some((k) => Object.hasOwn(body, `indicators-${i}-${k}`)))
      count = i + 1;
  const posted: IndicatorRow[] = [];
  for (let i = 0; i < count; i += 1)
    posted.push({
      key: formText(body, `indicators-${i}-key`).toLowerCase(),
      label: formText(body, `indicators-${i}-label`),
      weight: formText(body, `indicators-${i}-weight`),
    });
  const input: IndicatorInput[] = [];
  const sentRows: number[] = [];
  posted.forEach((row, i) => {
    if (row.key === '' && row.label === '' && row.weight === '') return;
    if (row.key === '' && row.label !== '') row.key = keyFromLabel(row.label);
    const id = `indicators-${i}`;
    if (row.label === '')
      errors.add(`${id}-label`, 'Enter what the indicator measures, like Population');
    let weight: number | null = null;
    if (row.weight === '')
      errors.add(`${id}-weight`, `Enter the weight of ${row.label || 'the indicator'}, like 50`);
    else if (!/^\d{1,7}$/.test(row.weight) || Number(row.weight) > MAX_WEIGHT)
      errors.add(
        `${id}-weight`,
        `The weight of ${row.label || 'the indicator'} must be a whole number from 0 to ${MAX_WEIGHT.toLocaleString('en-GB')}`,
      );
    else weight = Number(row.weight);
    input.push({ key: row.key, label: row.label, weight: weight ?? 0 });
    sentRows.push(i);
  });
  if (input.length === 0 && !errors.has())
    errors.add('indicators-0-label', 'Add at least one indicator, like Population');
  return {
    rows: padIndicatorRows(posted),
    errors,
    input: errors.has() ? null : input,
    sentRows,
  };
}

/** 'indicators.1.weight' from the service: the weight box of the form row that became indicator 1. */
export function indicatorFieldFor(field: string, sentRows: number[]): string {
  const [group, index, sub] = field.split('.');
  if (group !== 'indicators' || index === undefined) return 'indicators-0-label';
  const row = sentRows[Number(index)] ?? 0;
  return `indicators-${row}-${['key', 'label', 'weight'].includes(sub) ? sub : 'label'}`;
}

// ---- values ----

export type ValueColumn = 'value' | 'source' | 'period';
export const VALUE_COLUMNS: ValueColumn[] = ['value', 'source', 'period'];

/** A box in the values table: one partner, one indicator, one column. */
export function valueFieldId(organisationId: string, key: string, column: ValueColumn): string {
  return `v-${organisationId}-${key}-${column}`;
}

export interface ValueCell {
  organisationId: string;
  partner: string;
  indicator: string;
  label: string;
  value: string;
  source: string;
  period: string;
}

/** Every partner and indicator of the plan, with what is stored (or was typed). */
export function valueCells(plan: AllocationPlanView, body?: FormBody): ValueCell[] {
  const stored = new Map(plan.values.map((v) => [`${v.organisationId}/${v.indicator}`, v]));
  return plan.partners.flatMap((p) =>
    plan.indicators.map((i) => {
      const saved = stored.get(`${p.organisationId}/${i.key}`);
      // A box not posted at all (a partner added since the page was shown) is left as it is.
      const read = (column: ValueColumn) => {
        const id = valueFieldId(p.organisationId, i.key, column);
        return body && Object.hasOwn(body, id) ? formText(body, id) : (saved?.[column] ?? '');
      };
      return {
        organisationId: p.organisationId,
        partner: p.name,
        indicator: i.key,
        label: i.label,
        value: read('value'),
        source: read('source'),
        period: read('period'),
      };
    }),
  );
}

/**
 * The values that changed: a row left as stored is not sent again (nor audited again), nor is
 * one left blank that never had a value; a stored value cleared is sent, and refused.
 */
export function changedValues(
  plan: AllocationPlanView,
  cells: ValueCell[],
): { rows: ValueRowInput[]; cells: ValueCell[] } {
  const stored = new Map(plan.values.map((v) => [`${v.organisationId}/${v.indicator}`, v]));
  const changed = cells.filter((c) => {
    const saved = stored.get(`${c.organisationId}/${c.indicator}`);
    if (!saved) return VALUE_COLUMNS.some((k) => c[k] !== '');
    return VALUE_COLUMNS.some((k) => c[k] !== saved[k]);
  });
  return {
    cells: changed,
    rows: changed.map((c) => ({
      partner: c.organisationId,
      indicator: c.indicator,
      value: c.value,
      source: c.source,
      period: c.period,
    })),
  };
}

/** 'values.2.source' from the service, on the box it names, said with its partner and indicator. */
export function valueErrors(
  errors: FieldError[],
  sent: ValueCell[],
  form: FormErrors,
  problems: { text: string }[],
): void {
  for (const e of errors) {
    const [group, index, column] = e.field.split('.');
    const cell = group === 'values' ? sent[Number(index)] : undefined;
    if (cell && VALUE_COLUMNS.includes(column as ValueColumn))
      form.add(
        valueFieldId(cell.organisationId, cell.indicator, column as ValueColumn),
        `${cell.partner}, ${cell.label}: ${e.message}`,
      );
    else problems.push({ text: e.message });
  }
}

// ---- what-if weights ----

/** The what-if form's box for an indicator. */
export const weightFieldId = (key: string) => `weight-${key}`;

/**
 * What-if weights from the query: each indicator's box, as typed (blank or missing keeps the
 * stored weight). Undefined weights when nothing was asked, so the page shows the plan as it is.
 */
export function parseWhatIf(
  query: Record<string, unknown>,
  indicators: { key: string; label: string; weight: number }[],
): { values: Record<string, string>; errors: FormErrors; weights?: Record<string, number> } {
  const errors = new FormErrors();
  const values: Record<string, string> = {};
  const weights: Record<string, number> = {};
  let asked = false;
  for (const i of indicators) {
    const id = weightFieldId(i.key);
    const raw = query[id];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (typeof raw === 'string') asked = true;
    values[i.key] = text === '' ? String(i.weight) : text;
    if (text === '') continue;
    if (!/^\d{1,7}$/.test(text) || Number(text) > MAX_WEIGHT)
      errors.add(
        id,
        `The weight of ${i.label} must be a whole number from 0 to ${MAX_WEIGHT.toLocaleString('en-GB')}`,
      );
    else weights[i.key] = Number(text);
  }
  return { values, errors, weights: asked && !errors.has() ? weights : undefined };
}
