import type { AnswersPatch } from '@grants/applications';

/** How the demo writes an application down: as data, found again by round, organisation and title. */
export type DemoOutcome =
  'draft' | 'submitted' | 'eligible' | 'ineligible' | 'more-information' | 'withdrawn';

/** Answers as data: the area by name and the start date relative to the round's close. */
export type DemoAnswers = Omit<AnswersPatch, 'areaId' | 'startDate' | 'projectTitle'> & {
  areaName?: string;
  /** The project starts on the 1st of the month this many months after the round closes. */
  startMonthsAfterClose?: number;
};

export interface DemoApplication {
  roundCode: string;
  organisation: string;
  projectTitle: string;
  outcome: DemoOutcome;
  /** Who fills it in and submits it; by default the organisation's first member. */
  by?: string;
  /** Historic rounds: when it was submitted, UK wall-clock time (the round was open then). */
  submittedAtUk?: { date: string; time: string };
  /** Why it is not eligible, the officer's question, or why the applicant withdrew it. */
  reason?: string;
  answers: DemoAnswers;
}

const declarations = { declarationTrue: true, declarationPolicies: true };

/** Budget lines in pounds and pence, as written; kept in pence. */
export const budget = (...lines: [string, number][]) =>
  lines.map(([item, pounds]) => ({ item, amountPence: Math.round(pounds * 100) }));
const total = (lines: { amountPence: number }[]) => lines.reduce((s, l) => s + l.amountPence, 0);

/** A full set of answers whose amount is the budget's total. */
export const full = (answers: Omit<DemoAnswers, 'amountRequestedPence'>): DemoAnswers => ({
  ...declarations,
  startMonthsAfterClose: 2,
  ...answers,
  amountRequestedPence: total(answers.budgetLines ?? []),
});
