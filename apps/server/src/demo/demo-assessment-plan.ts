import { fromUkLocal } from '@grants/core';
import {
  CYP_BOXING,
  CYP_DETACHED,
  CYP_GIRLS,
  CYP_HOLIDAYS,
  CYP_MENTORING,
  CYP_ONLINE,
} from './demo-cyp-applications';

/**
 * How the demo's assessors score, and what the Commissioner decides, as data. The rounds use the
 * default rubric (need and evidence 25%, delivery plan 25%, outcomes 20%, value for money 15%,
 * links to the Police and Crime Plan 15%, each out of 5), so five scores per assessor, in that
 * order.
 */
export const DEMO_ASSESSOR = 'assessor@opcc.localhost';
export const DEMO_PANEL_MEMBER = 'panel@opcc.localhost';
export const DEMO_DECISION_MAKER = 'commissioner@opcc.localhost';

export interface DemoScoring {
  assessor: string;
  scores: number[];
  /** false: saved but not yet submitted (scoring still under way). */
  submit: boolean;
}

export interface DemoScoredApplication {
  projectTitle: string;
  scorers: DemoScoring[];
}

/** What each criterion looks like at each score, in the assessors' words. */
const COMMENTS: Record<number, string>[] = [
  {
    2: 'The need is asserted rather than shown; little local evidence.',
    3: 'A real need, with some local evidence; partners not quoted.',
    4: 'Clear local need, backed by police figures and referrers.',
    5: 'Compelling need, well evidenced with local data and partner letters.',
  },
  {
    2: 'The plan is thin: who delivers and when is unclear.',
    3: 'A workable plan, though the timetable is tight.',
    4: 'A realistic plan with named staff, venues and a timetable.',
    5: 'A detailed, tested plan; the organisation has delivered this before.',
  },
  {
    3: 'Outcomes are stated but not all will be measured.',
    4: 'Clear outcomes with sensible measures.',
    5: 'Clear, measurable outcomes with a baseline.',
  },
  {
    3: 'Costs are reasonable but one line is high for what it buys.',
    4: 'Good value: costs are modest for the numbers reached.',
    5: 'Excellent value; volunteers and in-kind support stretch the grant.',
  },
  {
    3: 'Links to the Police and Crime Plan are stated but general.',
    4: 'Clear links to the Police and Crime Plan themes chosen.',
    5: 'Directly serves the Police and Crime Plan themes, with the neighbourhood team involved.',
  },
];

/** The comment an assessor gives with a score (every score is submitted with one). */
export function scoreComment(position: number, score: number): string {
  return COMMENTS[position][score] ?? `Scored ${score}: see the notes on the other criteria.`;
}

const by = (assessor: string, scores: number[], submit = true): DemoScoring => ({
  assessor,
  scores,
  submit,
});

/**
 * Diversion from ASB and Crime, in scoring now: both eligible bids assigned to the assessor and
 * the panel member. Friday night football is scored 80% and 55%, 25 points apart, so it is the
 * one flagged for moderation; on the boxing bid the panel member has saved two scores so far.
 */
export const DIVERSION_SCORING: DemoScoredApplication[] = [
  {
    projectTitle: 'Friday night football in Braunstone',
    scorers: [by(DEMO_ASSESSOR, [4, 4, 4, 4, 4]), by(DEMO_PANEL_MEMBER, [3, 2, 3, 3, 3])],
  },
  {
    projectTitle: 'Boxing against knife crime in Loughborough',
    scorers: [by(DEMO_ASSESSOR, [4, 3, 4, 4, 4]), by(DEMO_PANEL_MEMBER, [4, 4], false)],
  },
];

export type DemoDecision =
  | { outcome: 'approved'; amountPence?: number; amountReason?: string }
  | { outcome: 'declined'; reason: string; feedback: string };

export interface DemoDecidedApplication extends DemoScoredApplication {
  decision: DemoDecision;
}

/**
 * Children and Young People: every bid scored 70% or more by both assessors (none flagged), so
 * all six are recommended; the Commissioner approves five, one at a reduced amount, and declines
 * one, for £49,049.00 in all.
 */
export const CYP_DECISIONS: DemoDecidedApplication[] = [
  {
    projectTitle: CYP_BOXING,
    scorers: [by(DEMO_ASSESSOR, [5, 4, 4, 4, 5]), by(DEMO_PANEL_MEMBER, [4, 4, 4, 4, 4])],
    decision: { outcome: 'approved' },
  },
  {
    projectTitle: CYP_DETACHED,
    scorers: [by(DEMO_ASSESSOR, [4, 4, 4, 4, 4]), by(DEMO_PANEL_MEMBER, [4, 4, 5, 3, 4])],
    decision: { outcome: 'approved' },
  },
  {
    projectTitle: CYP_GIRLS,
    scorers: [by(DEMO_ASSESSOR, [4, 4, 3, 4, 4]), by(DEMO_PANEL_MEMBER, [4, 3, 4, 4, 4])],
    decision: { outcome: 'approved' },
  },
  {
    projectTitle: CYP_ONLINE,
    scorers: [by(DEMO_ASSESSOR, [4, 4, 4, 3, 3]), by(DEMO_PANEL_MEMBER, [3, 4, 4, 4, 4])],
    decision: { outcome: 'approved' },
  },
  {
    projectTitle: CYP_HOLIDAYS,
    scorers: [by(DEMO_ASSESSOR, [4, 3, 3, 3, 4]), by(DEMO_PANEL_MEMBER, [4, 4, 4, 3, 4])],
    decision: {
      outcome: 'approved',
      amountPence: 732_900,
      amountReason:
        'Reduced by £500.00: the county council’s holiday activities programme already pays for coach hire for two of the trips.',
    },
  },
  {
    projectTitle: CYP_MENTORING,
    scorers: [by(DEMO_ASSESSOR, [4, 4, 3, 3, 4]), by(DEMO_PANEL_MEMBER, [3, 4, 3, 4, 4])],
    decision: {
      outcome: 'declined',
      reason:
        'The Violence Reduction Network already commissions mentoring for young women at risk of exploitation in Highfields, from the same referral routes. The Commissioner asked the office to bring the two services together rather than fund a second one.',
      feedback:
        'Thank you for your application. The assessment panel scored it well and recommended it, but the Commissioner decided not to fund it: the Violence Reduction Network already commissions a mentoring service for young women at risk of exploitation in Highfields, taking referrals from the same teams. We will put you in touch with the VRN’s commissioning lead, as your volunteers and your links with care leavers could strengthen that service. You are welcome to apply to future rounds.',
    },
  },
];

/** What the Commissioner signs and publishes. */
export const CYP_RECORD = {
  title: "Commissioner's Safety Fund: Children and Young People grants 2022",
  summary:
    "The Commissioner approves five grants from the Commissioner's Safety Fund Children and Young People round, £49,049.00 in all, for projects that keep children and young people safe and away from harm, crime and anti-social behaviour. Six applications were received, all were eligible, and the assessment panel recommended all six. One was declined because a similar service is already commissioned in the same area, and one grant is £500.00 less than requested because part of its cost is met from another programme.",
  declarations: 'None',
};

/** When each step happened (the services take "now" from the Clock, set to these). */
export const CYP_TIMELINE = {
  recommendationSentAt: fromUkLocal('2022-03-14', '10:30'),
  decidedAt: fromUkLocal('2022-03-24', '15:00'),
  publishedAt: fromUkLocal('2022-03-31', '09:30'),
};
