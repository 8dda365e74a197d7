import { amountProblem } from '@grants/applications';
import { GrantRound, ORGANISATION_TYPES, OrganisationType } from '@grants/funds';

/**
 * The questions asked before anyone signs in or writes anything, one a page, so a group the
 * round cannot fund hears why at once. The answers travel in the query string from page to page
 * (they are not secret, and the back button keeps working), and become the draft's first answers.
 */
export interface EligibilityAnswers {
  type: OrganisationType | null;
  areaId: string | null;
  amountPence: number | null;
}

export type EligibilityRound = Pick<
  GrantRound,
  'eligibleOrganisationTypes' | 'areas' | 'minGrantPence' | 'maxGrantPence'
>;

export const ELIGIBILITY_QUESTIONS = ['organisation-type', 'area', 'amount'] as const;
export type EligibilityQuestion = (typeof ELIGIBILITY_QUESTIONS)[number];

export type EligibilityOutcome =
  | { kind: 'ask'; question: EligibilityQuestion }
  | { kind: 'cannot-apply'; reason: EligibilityQuestion }
  | { kind: 'eligible' };

/** Reads the answers from a query string, dropping any that are not valid for the round. */
export function readEligibility(
  query: Record<string, unknown>,
  round: EligibilityRound,
): EligibilityAnswers {
  const text = (key: string) => (typeof query[key] === 'string' ? query[key] : '');
  const type = text('type');
  const area = text('area');
  const amount = text('amount');
  const amountPence = /^\d{1,15}$/.test(amount) ? Number(amount) : null;
  return {
    type: Object.hasOwn(ORGANISATION_TYPES, type) ? (type as OrganisationType) : null,
    areaId: round.areas.some((a) => a.id === area) ? area : null,
    amountPence: amountPence !== null && Number.isSafeInteger(amountPence) ? amountPence : null,
  };
}

/** "?type=charity&area=...&amount=1500000": the answers given so far, for links and form actions. */
export function eligibilityQuery(answers: Partial<EligibilityAnswers>): string {
  const params = new URLSearchParams();
  if (answers.type) params.set('type', answers.type);
  if (answers.areaId) params.set('area', answers.areaId);
  if (answers.amountPence !== null && answers.amountPence !== undefined)
    params.set('amount', String(answers.amountPence));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The answers a question's page may rely on: those of the questions before it. */
export function answersBefore(
  question: EligibilityQuestion,
  answers: EligibilityAnswers,
): EligibilityAnswers {
  const index = ELIGIBILITY_QUESTIONS.indexOf(question);
  return {
    type: index > 0 ? answers.type : null,
    areaId: index > 1 ? answers.areaId : null,
    amountPence: null,
  };
}

export function typeAllowed(round: EligibilityRound, type: string): boolean {
  return (round.eligibleOrganisationTypes as string[]).includes(type);
}

/** Where the answers lead: the next question, a page saying why they cannot apply, or onwards. */
export function eligibilityOutcome(
  round: EligibilityRound,
  answers: EligibilityAnswers,
): EligibilityOutcome {
  if (!answers.type) return { kind: 'ask', question: 'organisation-type' };
  if (!typeAllowed(round, answers.type))
    return { kind: 'cannot-apply', reason: 'organisation-type' };
  if (round.areas.length > 0 && !answers.areaId) return { kind: 'ask', question: 'area' };
  if (answers.amountPence === null) return { kind: 'ask', question: 'amount' };
  if (amountProblem(answers.amountPence, answers.areaId, round))
    return { kind: 'cannot-apply', reason: 'amount' };
  return { kind: 'eligible' };
}

/** The most a project may ask for: the round's maximum, or the area's cap when that is lower. */
export function maxGrantFor(round: EligibilityRound, areaId: string | null): number {
  const cap = round.areas.find((a) => a.id === areaId)?.budgetCapPence ?? null;
  return cap === null ? round.maxGrantPence : Math.min(cap, round.maxGrantPence);
}
