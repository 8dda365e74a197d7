import { AreaShortlist, ShortlistInput } from '@grants/ballots';
import { formatPence, penceToInput } from '@grants/core';
import { readPounds } from '../../applicants/pounds-field';
import { FormBody, FormErrors, formList, formText } from '../../forms';

/** One eligible application on the builder, ticked or not, with what the public would read. */
export interface ShortlistRow {
  applicationId: string;
  chosen: boolean;
  publicTitle: string;
  publicSummary: string;
  amount: string;
}

/** The ids of a row's fields: the error summary links to them. */
export function shortlistFieldIds(applicationId: string) {
  return {
    chosen: `chosen-${applicationId}`,
    publicTitle: `publicTitle-${applicationId}`,
    publicSummary: `publicSummary-${applicationId}`,
    amount: `amount-${applicationId}`,
  };
}

/**
 * The rows as stored: the shortlist's entries ticked with their words; the others offered with
 * the project's own title and the most it could get (what it asked for, within the area's cap).
 */
export function storedShortlistRows(area: AreaShortlist): ShortlistRow[] {
  const cap = area.area.budgetCapPence ?? Number.MAX_SAFE_INTEGER;
  return area.candidates.map((c) => {
    const entry = area.entries.find((e) => e.applicationId === c.id);
    return {
      applicationId: c.id,
      chosen: entry !== undefined,
      publicTitle: entry?.publicTitle ?? c.projectTitle,
      publicSummary: entry?.publicSummary ?? '',
      amount: penceToInput(entry?.amountPence ?? Math.min(c.amountRequestedPence ?? 0, cap)),
    };
  });
}

/** The rows as posted. A ticked id that is not a candidate is kept so the service refuses it. */
export function postedShortlistRows(body: FormBody, area: AreaShortlist): ShortlistRow[] {
  const chosen = formList(body, 'chosen');
  const ids = [
    ...area.candidates.map((c) => c.id),
    ...chosen.filter((id) => !area.candidates.some((c) => c.id === id)),
  ];
  return ids.map((applicationId) => ({
    applicationId,
    chosen: chosen.includes(applicationId),
    publicTitle: formText(body, `publicTitle-${applicationId}`),
    publicSummary: formText(body, `publicSummary-${applicationId}`),
    amount: formText(body, `amount-${applicationId}`),
  }));
}

/**
 * What goes to ShortlistService, in the order shown. An amount that is not pounds gets its
 * message here and goes on as NaN, so the service still checks everything else at once (the
 * first message on a field is the one kept).
 */
export function shortlistInput(rows: ShortlistRow[], errors: FormErrors): ShortlistInput[] {
  return rows
    .filter((r) => r.chosen)
    .map((r) => ({
      applicationId: r.applicationId,
      publicTitle: r.publicTitle,
      publicSummary: r.publicSummary,
      amountPence:
        readPounds(
          r.amount,
          shortlistFieldIds(r.applicationId).amount,
          { what: 'the amount the project gets if it wins', label: 'The amount' },
          errors,
        ) ?? Number.NaN,
    }));
}

/**
 * The service's field names ("entries.1.amountPence") as the page's field ids; the shortlist as
 * a whole ("entries": none or too many) belongs to the first checkbox, where the group starts.
 */
export function shortlistErrorFields(
  input: ShortlistInput[],
  rows: ShortlistRow[],
): Record<string, string> {
  const first = rows[0] ? shortlistFieldIds(rows[0].applicationId).chosen : 'chosen';
  const fields: Record<string, string> = { entries: first };
  input.forEach((e, i) => {
    const ids = shortlistFieldIds(e.applicationId);
    fields[`entries.${i}.applicationId`] = ids.chosen;
    fields[`entries.${i}.publicTitle`] = ids.publicTitle;
    fields[`entries.${i}.publicSummary`] = ids.publicSummary;
    fields[`entries.${i}.amountPence`] = ids.amount;
  });
  return fields;
}

/** The builder's rows with each candidate's details, for the page. */
export function shortlistRowsView(area: AreaShortlist, rows: ShortlistRow[]) {
  return area.candidates.map((c) => {
    const row = rows.find((r) => r.applicationId === c.id)!;
    return {
      ...row,
      ids: shortlistFieldIds(c.id),
      reference: c.reference ?? '',
      organisationName: c.organisation?.name ?? '',
      projectTitle: c.projectTitle,
      requested: c.amountRequestedPence === null ? '' : formatPence(c.amountRequestedPence),
    };
  });
}
