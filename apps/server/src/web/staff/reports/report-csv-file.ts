import type { RoundReport } from '@grants/reports';

/** A spreadsheet opens a UTF-8 file as UTF-8 only when it starts with the byte order mark. */
export const UTF8_BOM = '\uFEFF';

/** "DIV-round-report.csv": the round's code, nothing a header could trip on. */
export function csvFilename(report: RoundReport): string {
  const code = report.round.code.replace(/[^A-Za-z0-9-]/g, '');
  return `${code ? `${code}-` : ''}round-report.csv`;
}
