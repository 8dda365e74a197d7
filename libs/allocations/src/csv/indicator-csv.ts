import { parse } from 'csv-parse/sync';
import type { RowError, ValueRowInput } from './value-rows';

export const CSV_COLUMNS = ['partner', 'indicator', 'value', 'source', 'period'] as const;
export const MAX_CSV_ROWS = 5000;

export type CsvRead =
  { ok: true; rows: { row: number; input: ValueRowInput }[] } | { ok: false; errors: RowError[] };

/**
 * Reads an indicator file: a header row naming the columns (any case, any order, extra columns
 * ignored), then one row per partner per indicator. Row numbers are as a spreadsheet shows them
 * (the header is row 1; a blank row still counts, a cell over two lines does not). Excel's byte
 * order mark and CRLF line ends are taken as they come.
 */
export function readIndicatorCsv(text: string): CsvRead {
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { records: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((n) => n.trim().toLowerCase())),
      info: true,
      trim: true,
      relax_column_count: true,
      skip_records_with_empty_values: false,
    }) as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      errors: [
        {
          row: line ?? 1,
          column: 'partner',
          message: `The file could not be read as CSV${line ? ` at line ${line}` : ''}: ${(err as Error).message.replace(/ at line \d+/, '')}`,
        },
      ],
    };
  }
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return {
      ok: false,
      errors: [
        {
          row: 1,
          column: missing[0],
          message:
            header.length === 0
              ? `The file is empty: the first row must name the columns ${CSV_COLUMNS.join(', ')}`
              : `The first row must name the columns ${CSV_COLUMNS.join(', ')} (missing: ${missing.join(', ')})`,
        },
      ],
    };
  const duplicated = CSV_COLUMNS.filter((c) => header.indexOf(c) !== header.lastIndexOf(c));
  if (duplicated.length > 0)
    return {
      ok: false,
      errors: [
        { row: 1, column: duplicated[0], message: `The column ${duplicated[0]} appears twice` },
      ],
    };
  const rows = records
    .map(({ record, info }) => ({
      row: info.records + 1,
      input: {
        partner: record.partner ?? '',
        indicator: record.indicator ?? '',
        value: record.value ?? '',
        source: record.source ?? '',
        period: record.period ?? '',
      },
    }))
    .filter(({ input }) => CSV_COLUMNS.some((c) => input[c] !== ''));
  if (rows.length === 0)
    return {
      ok: false,
      errors: [{ row: 2, column: 'partner', message: 'The file has no rows of values' }],
    };
  if (rows.length > MAX_CSV_ROWS)
    return {
      ok: false,
      errors: [
        {
          row: rows[MAX_CSV_ROWS].row,
          column: 'partner',
          message: `A file can have up to ${MAX_CSV_ROWS} rows of values`,
        },
      ],
    };
  return { ok: true, rows };
}
