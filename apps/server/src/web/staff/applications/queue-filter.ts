import { APPLICATION_STATUSES, ApplicationStatus, QueueFilter } from '@grants/applications';
import { isUuid } from '@grants/core';
import type { GrantRound } from '@grants/funds';
import { asFormBody, formText } from '../../forms';

/** What the queue shows when no status is chosen: work waiting for the officer. */
export const DEFAULT_QUEUE_STATUS: ApplicationStatus = 'submitted';
/** The select's value for every status but draft (staff never see unsent drafts in the queue). */
export const ALL_STATUSES = 'all';

/** Statuses the queue can filter on: drafts are the applicant's own until sent. */
export const QUEUE_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft');

export interface QueueSelection {
  filter: QueueFilter;
  /** The round, area and status the filter form shows as chosen ('' for "all"). */
  roundId: string;
  areaId: string;
  status: string;
  round: GrantRound | null;
  /** Parts of the link that could not be used, said plainly, so nobody misreads the list. */
  notices: string[];
}

/**
 * Reads the queue's query string (round, area, status) against the rounds that exist. A value
 * that is not a round, not an area of the chosen round, or not a status is dropped with a notice,
 * never passed on.
 */
export function readQueueQuery(query: unknown, rounds: GrantRound[]): QueueSelection {
  const body = asFormBody(query);
  const notices: string[] = [];
  const roundParam = formText(body, 'round');
  const areaParam = formText(body, 'area');
  const statusParam = formText(body, 'status');

  const round =
    roundParam && isUuid(roundParam) ? (rounds.find((r) => r.id === roundParam) ?? null) : null;
  if (roundParam && !round)
    notices.push(
      'The round in the link was not found, so applications from every round are shown.',
    );

  // An area of another round is what the form sends after the round select is changed: the
  // new round's areas are offered, and every area is shown until one is chosen.
  const area = round && areaParam ? (round.areas.find((a) => a.id === areaParam) ?? null) : null;
  if (areaParam && !round && !roundParam)
    notices.push('Choose a round before an area: every area is shown.');

  let status: ApplicationStatus | undefined = DEFAULT_QUEUE_STATUS;
  let statusValue: string = DEFAULT_QUEUE_STATUS;
  if (statusParam === ALL_STATUSES) {
    status = undefined;
    statusValue = ALL_STATUSES;
  } else if ((QUEUE_STATUSES as readonly string[]).includes(statusParam)) {
    status = statusParam as ApplicationStatus;
    statusValue = statusParam;
  } else if (statusParam) {
    notices.push(
      'The status in the link is not one the list can show, so applications awaiting appraisal are shown.',
    );
  }

  return {
    filter: {
      ...(round ? { roundId: round.id } : {}),
      ...(area ? { areaId: area.id } : {}),
      ...(status ? { status } : {}),
    },
    roundId: round?.id ?? '',
    areaId: area?.id ?? '',
    status: statusValue,
    round,
    notices,
  };
}

/** A link to the queue with the given filter, as the bulk view and the pages use. */
export function queueLink(filter: { roundId?: string; areaId?: string; status?: string }): string {
  const params = new URLSearchParams();
  if (filter.roundId) params.set('round', filter.roundId);
  if (filter.areaId) params.set('area', filter.areaId);
  if (filter.status) params.set('status', filter.status);
  const query = params.toString();
  return query ? `/staff/applications?${query}` : '/staff/applications';
}

/** How each status reads after "3 applications": "3 applications awaiting appraisal". */
const STATUS_PHRASES: Record<string, string> = {
  submitted: 'awaiting appraisal',
  'more-information': 'waiting for more information',
  returned: 'returned for correction',
  eligible: 'marked eligible',
  ineligible: 'marked not eligible',
  withdrawn: 'withdrawn',
};

/** " awaiting appraisal in Diversion from ASB and Crime, Winterton": what the list holds. */
export function describeSelection(selection: QueueSelection): string {
  const status = STATUS_PHRASES[selection.status];
  const area = selection.round?.areas.find((a) => a.id === selection.areaId);
  return [
    status ? ` ${status}` : '',
    selection.round ? ` in ${selection.round.title}` : '',
    area ? `, ${area.name}` : '',
  ].join('');
}
