import { hasControlCharacters } from '@grants/core';
import type { GrantFilter, GrantFilterOptions } from './published-grant';

export const GRANTS_PAGE_SIZE = 50;
const MAX_SEARCH = 100;

/** The list's query string, read against the values published grants have. */
export interface GrantsSelection {
  filter: GrantFilter;
  /** What the form shows as chosen ('' for "all"), including a search refused for its length. */
  values: { fund: string; round: string; year: string; area: string; q: string };
  page: number;
  /** A refused value: on its field, said plainly; the filter is then left out. */
  errors: { field: string; message: string }[];
}

/**
 * Reads fund, round, year, area, q and page. A value that is not one the form offers (an old or
 * hand-made link) is left out of the filter with a message on its field, never passed on.
 */
export function readGrantsQuery(query: unknown, options: GrantFilterOptions): GrantsSelection {
  const body: Record<string, unknown> =
    query && typeof query === 'object' && !Array.isArray(query)
      ? (query as Record<string, unknown>)
      : {};
  const errors: GrantsSelection['errors'] = [];
  const filter: GrantFilter = {};
  const values = { fund: '', round: '', year: '', area: '', q: '' };

  const fund = formText(body, 'fund');
  if (fund && options.funds.some((f) => f.slug === fund)) {
    filter.fundSlug = values.fund = fund;
  } else if (fund) {
    errors.push({
      field: 'fund',
      message: 'Select a fund from the list: no grants were found for the fund in the link',
    });
  }

  const round = formText(body, 'round');
  if (round && options.rounds.some((r) => r.id === round)) {
    filter.roundId = values.round = round;
  } else if (round) {
    errors.push({
      field: 'round',
      message: 'Select a round from the list: no grants were found for the round in the link',
    });
  }

  const year = formText(body, 'year');
  if (year && /^\d{4}$/.test(year)) {
    filter.year = Number(year);
    values.year = year;
  } else if (year) {
    errors.push({ field: 'year', message: 'Select a year from the list, like 2022' });
  }

  const area = formText(body, 'area');
  if (area && options.areas.includes(area)) {
    filter.areaName = values.area = area;
  } else if (area) {
    errors.push({
      field: 'area',
      message: 'Select an area from the list: no grants were found for the area in the link',
    });
  }

  const q = formText(body, 'q').replace(/\s+/g, ' ');
  if (q.length > MAX_SEARCH) {
    values.q = q.slice(0, MAX_SEARCH);
    errors.push({ field: 'q', message: `Search must be ${MAX_SEARCH} characters or fewer` });
  } else if (hasControlCharacters(q)) {
    errors.push({
      field: 'q',
      message: 'Search must only include letters, numbers and punctuation',
    });
  } else if (q) {
    filter.search = values.q = q;
  }

  const pageText = formText(body, 'page');
  let page = 1;
  if (/^\d{1,6}$/.test(pageText) && Number(pageText) >= 1) page = Number(pageText);
  else if (pageText)
    errors.push({
      field: 'page',
      message: 'The page number in the link is not a page of this list, so the first page is shown',
    });

  return { filter, values, page, errors };
}

/** One query value, trimmed; '' when missing or not text. A key sent twice counts as its first. */
function formText(body: Record<string, unknown>, name: string): string {
  if (!Object.hasOwn(body, name)) return '';
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A link to the list with these filters (blank ones left out), and a page after the first. */
export function grantsLink(values: GrantsSelection['values'], page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/grants?${query}` : '/grants';
}
