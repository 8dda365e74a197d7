import type { StaffRequest } from '@grants/identity';
import type { FastifyReply } from 'fastify';
import { renderPage } from '../forms';
import {
  collectProblems,
  errorView,
  FormProblems,
  noFormProblems,
} from '../staff/assessment/page-problems';
import { BallotView } from './ballot-view';

/** A voting form's refusals: on their fields where the page has them, else in the summary. */
export type PageProblems = FormProblems;

export const noProblems = noFormProblems;

/**
 * Collects a domain refusal (422 field errors, 409 not open or already voted, 401 session
 * ended, 403 revoked) for the page to show again with its status; anything else goes up.
 */
export function refusal(
  error: unknown,
  fields: Record<string, string> = {},
): PageProblems & { status: number } {
  const state = noProblems();
  const status = collectProblems(error, state.errors, state.problems, fields);
  return { ...state, status };
}

/**
 * The email and postcode page: the start of proving who you are, and where a voter whose
 * session has ended is sent back to, with the reason in the error summary.
 */
export function renderEmailPage(
  request: StaffRequest,
  reply: FastifyReply,
  ballot: BallotView,
  values: { email: string; postcode: string },
  state: PageProblems = noProblems(),
  status = 200,
) {
  return renderPage(
    request,
    reply,
    'voting/email.njk',
    { ballot, values, ...errorView(state.errors, state.problems) },
    status,
  );
}
