import { addDays, addMonths, ukInstant, ukToday } from '@grants/core';
import {
  ClosureInput,
  GrantPlan,
  planGrant,
  ReturnAnswers,
  ReturnReview,
  VariationRequest,
} from '@grants/monitoring';
import {
  CYP_BOXING,
  CYP_DETACHED,
  CYP_GIRLS,
  CYP_HOLIDAYS,
  CYP_ONLINE,
} from './demo-cyp-applications';

/** One thing a grantee, an officer or finance does to a grant, at a UK wall-clock time. */
export type LiveGrantStep = { at: Date } & (
  | { kind: 'accept'; name: string; role: string }
  | { kind: 'pay'; sequence: number; reference: string }
  /** `answer`: the grantee's reply to the officer's question (the return is sent again). */
  | { kind: 'submit'; sequence: number; answers: ReturnAnswers; answer?: boolean }
  | { kind: 'review'; sequence: number; review: ReturnReview }
  | { kind: 'request-variation'; request: VariationRequest }
  | { kind: 'approve-variation'; reason: string }
  | { kind: 'close'; closure: ClosureInput }
);

/**
 * What becomes of one offered award after the decision. `project` is the start and length the
 * seed gives the application before it is accepted, so its schedule falls where the demo needs
 * it; `liveOffer` keeps the offer open (until `liveOffer`, a UK date) instead.
 */
export interface LiveGrantStory {
  roundCode: string;
  projectTitle: string;
  /** What the demo shows with it, in a few words. */
  shows: string;
  project?: { startOn: string; durationMonths: number };
  liveOffer?: string;
  steps: LiveGrantStep[];
}

export const LIVE_OFFER_REASON = 'demo seed: live offer';
export const PROJECT_DATES_REASON = 'demo seed: project dates of a live grant';

const at = (date: string, time: string) => ukInstant(date, time);

const green = (progress: string, spendToDatePence: number, peopleReached: number) => ({
  progress,
  spendToDatePence,
  peopleReached,
  outcomes: 'On track against the outcomes in the application.',
  rag: 'green',
  ragReason: '',
  changesNeeded: '',
});

const accepted = (rag: 'green' | 'amber' | 'red', comment = ''): ReturnReview => ({
  rag,
  comment,
  outcome: 'accept',
  question: '',
});

/**
 * The project start that puts return `sequence` of the standard schedule due on `dueOn` (or the
 * first day after it that can be due, where a month is short).
 */
export function startForReturnDue(durationMonths: number, sequence: number, dueOn: string): string {
  const guess = addMonths(dueOn, -3 * sequence);
  let best: string | null = null;
  for (let offset = -45; offset <= 45; offset += 1) {
    const startOn = addDays(guess, offset);
    const due = planGrant(2, startOn, durationMonths).returns[sequence - 1]?.dueOn;
    if (due === dueOn) return startOn;
    if (due && due > dueOn && (!best || due < dueDate(best))) best = startOn;
  }
  if (!best) throw new Error(`No project start puts return ${sequence} due on ${dueOn}`);
  return best;

  function dueDate(startOn: string) {
    return planGrant(2, startOn, durationMonths).returns[sequence - 1].dueOn;
  }
}

function schedule(project: { startOn: string; durationMonths: number }): GrantPlan {
  return planGrant(2, project.startOn, project.durationMonths);
}

/**
 * The live grants of the Children and Young People round (decided in March 2022, its offers
 * accepted in April 2022) and the Community Response Fund pilot (June 2023), at every stage:
 * one offer still open, one grant accepted with nothing paid yet, one paid in part with a return
 * due within the week, one amber with a return overdue, one red, one with an approved variation
 * and a return waiting for review, and one closed. The grants still running are dated from
 * `now`, so their returns fall due around the day the demo is first run.
 */
export function liveGrantStories(now: Date): LiveGrantStory[] {
  const today = ukToday(now);
  const day = (days: number) => addDays(today, days);

  // Paid in part; its first return is due within the next week (the reminder goes now).
  const boxing = { startOn: startForReturnDue(12, 1, day(4)), durationMonths: 12 };

  // Amber (the officer's view of return 1, after a question); return 2 is overdue.
  const detached = { startOn: startForReturnDue(12, 2, day(-12)), durationMonths: 12 };
  const detachedR1 = schedule(detached).returns[0].dueOn;

  // Red: return 2 came in red and the officer has asked what will change.
  const girls = { startOn: startForReturnDue(10, 2, day(-6)), durationMonths: 10 };
  const girlsR1 = schedule(girls).returns[0].dueOn;

  // A variation approved (two months longer); return 2 sent and waiting for the officer.
  const online = { startOn: startForReturnDue(9, 2, day(-2)), durationMonths: 9 };
  const onlinePlan = schedule(online);
  const onlineR1 = onlinePlan.returns[0].dueOn;

  // Accepted in 2023, starting on the first of the month after next week: nothing paid yet.
  const patrols = {
    startOn: addMonths(`${day(7).slice(0, 7)}-01`, 1),
    durationMonths: 12,
  };

  // Run and finished in 2023-24, with a little money paid back.
  const park = { startOn: '2023-07-01', durationMonths: 10 };
  const parkDue = schedule(park).returns.map((r) => r.dueOn);

  return [
    {
      roundCode: 'CYP',
      projectTitle: CYP_HOLIDAYS,
      shows: 'offered, the offer still open',
      liveOffer: day(21),
      steps: [],
    },
    {
      roundCode: 'CYP',
      projectTitle: CYP_BOXING,
      shows: 'paid in part, return 1 due within the week',
      project: boxing,
      steps: [
        {
          at: at('2022-04-04', '10:15'),
          kind: 'accept',
          name: 'Mick Taylor',
          role: 'Club secretary',
        },
        {
          at: at(addDays(boxing.startOn, -10), '11:00'),
          kind: 'pay',
          sequence: 1,
          reference: `BACS ${addDays(boxing.startOn, -10).replace(/-/g, '')}-LABC`,
        },
      ],
    },
    {
      roundCode: 'CYP',
      projectTitle: CYP_DETACHED,
      shows: 'amber (the officer’s status), return 2 overdue',
      project: detached,
      steps: [
        {
          at: at('2022-04-06', '14:30'),
          kind: 'accept',
          name: 'Priya Shah',
          role: 'Chief executive',
        },
        {
          at: at(addDays(detached.startOn, -7), '11:00'),
          kind: 'pay',
          sequence: 1,
          reference: `BACS ${addDays(detached.startOn, -7).replace(/-/g, '')}-BYT`,
        },
        {
          at: at(addDays(detachedR1, -3), '15:20'),
          kind: 'submit',
          sequence: 1,
          answers: {
            ...green('Detached sessions ran on 22 of 26 planned evenings.', 230_000, 64),
            rag: 'amber',
            ragReason:
              'One of the two youth workers left in the second month and the post was vacant for five weeks.',
          },
        },
        {
          at: at(addDays(detachedR1, 1), '10:05'),
          kind: 'review',
          sequence: 1,
          review: {
            rag: 'amber',
            comment: '',
            outcome: 'more-information',
            question:
              'Has the vacant youth worker post been filled, and how will the missed sessions be made up?',
          },
        },
        {
          at: at(addDays(detachedR1, 4), '16:40'),
          kind: 'submit',
          sequence: 1,
          answer: true,
          answers: {
            ...green('Detached sessions ran on 22 of 26 planned evenings.', 230_000, 64),
            rag: 'amber',
            ragReason:
              'The post was vacant for five weeks. A new youth worker starts next month; the four missed evenings will be added in the school holidays.',
          },
        },
        {
          at: at(addDays(detachedR1, 6), '11:30'),
          kind: 'review',
          sequence: 1,
          review: accepted('amber', 'Thank you. Amber until the new youth worker is in post.'),
        },
      ],
    },
    {
      roundCode: 'CYP',
      projectTitle: CYP_GIRLS,
      shows: 'red (the officer’s status), a question for the grantee',
      project: girls,
      steps: [
        {
          at: at('2022-04-11', '09:40'),
          kind: 'accept',
          name: 'Farah Begum',
          role: 'Centre manager',
        },
        {
          at: at(addDays(girls.startOn, -7), '11:00'),
          kind: 'pay',
          sequence: 1,
          reference: `BACS ${addDays(girls.startOn, -7).replace(/-/g, '')}-HWC`,
        },
        {
          at: at(addDays(girlsR1, -4), '13:10'),
          kind: 'submit',
          sequence: 1,
          answers: green('Twelve weekly sessions; 19 girls came at least once.', 180_000, 19),
        },
        {
          at: at(addDays(girlsR1, -1), '10:45'),
          kind: 'review',
          sequence: 1,
          review: accepted('green'),
        },
        {
          at: at(day(-8), '12:25'),
          kind: 'submit',
          sequence: 2,
          answers: {
            ...green('Only five sessions ran this quarter.', 260_000, 11),
            rag: 'red',
            ragReason:
              'The counsellor left in the first month and the room we used is being rebuilt; attendance fell to six girls.',
            changesNeeded: 'We may need to move the counselling budget to a youth worker.',
          },
        },
        {
          at: at(day(-4), '15:00'),
          kind: 'review',
          sequence: 2,
          review: {
            rag: 'red',
            comment: '',
            outcome: 'more-information',
            question:
              'Where will the group meet until the room is ready, and when will a counsellor be in place? Send a recovery plan with dates.',
          },
        },
      ],
    },
    {
      roundCode: 'CYP',
      projectTitle: CYP_ONLINE,
      shows: 'a variation approved, return 2 waiting for review',
      project: online,
      steps: [
        {
          at: at('2022-04-13', '17:05'),
          kind: 'accept',
          name: 'Daniel Okafor',
          role: 'Trustee',
        },
        {
          at: at(addDays(online.startOn, -7), '11:00'),
          kind: 'pay',
          sequence: 1,
          reference: `BACS ${addDays(online.startOn, -7).replace(/-/g, '')}-BYT`,
        },
        {
          at: at(addDays(onlineR1, -5), '09:50'),
          kind: 'submit',
          sequence: 1,
          answers: green('Workshops ran in three of the eight schools.', 410_000, 520),
        },
        {
          at: at(addDays(onlineR1, -2), '14:15'),
          kind: 'review',
          sequence: 1,
          review: accepted('green', 'A strong start: the quiz results are encouraging.'),
        },
        {
          at: at(addDays(onlineR1, 5), '11:00'),
          kind: 'pay',
          sequence: 2,
          reference: `BACS ${addDays(onlineR1, 5).replace(/-/g, '')}-BYT`,
        },
        {
          at: at(day(-40), '10:20'),
          kind: 'request-variation',
          request: {
            newAmountPence: null,
            newEndOn: addMonths(onlinePlan.endOn, 2),
            budgetChanges: 'Move £400 from resources and printing to the parents’ evenings.',
            reason:
              'Two schools can only take the workshops in the summer term, so the last workshops and parents’ evenings fall after the planned end.',
          },
        },
        {
          at: at(day(-35), '16:00'),
          kind: 'approve-variation',
          reason: 'Agreed: the schools’ timetables are outside the trust’s control.',
        },
        {
          at: at(day(-3), '18:30'),
          kind: 'submit',
          sequence: 2,
          answers: green(
            'Workshops ran in three more schools, with two parents’ evenings.',
            780_000,
            1_010,
          ),
        },
      ],
    },
    {
      roundCode: 'PILOT',
      projectTitle: 'Street Pastors night patrols in the Old Town and harbour',
      shows: 'accepted, nothing paid yet',
      project: patrols,
      steps: [
        {
          at: at('2023-06-20', '19:45'),
          kind: 'accept',
          name: 'Andrew Naylor',
          role: 'Coordinator',
        },
      ],
    },
    {
      roundCode: 'PILOT',
      projectTitle: 'Winterton park outreach and Friday youth club',
      shows: 'closed: completed, £150.00 paid back',
      project: park,
      steps: [
        { at: at('2023-06-16', '10:00'), kind: 'accept', name: 'Helen Ward', role: 'Chair' },
        { at: at('2023-06-26', '11:00'), kind: 'pay', sequence: 1, reference: 'BACS 20230626-WCP' },
        ...parkReturn(
          1,
          parkDue[0],
          green('Outreach in the three parks twice a week.', 250_000, 41),
        ),
        ...parkReturn(
          2,
          parkDue[1],
          green('The Friday youth club opened in October.', 480_000, 58),
        ),
        {
          at: at(addDays(parkDue[1], 8), '11:00'),
          kind: 'pay',
          sequence: 2,
          reference: 'BACS 20240122-WCP',
        },
        ...parkReturn(
          3,
          parkDue[2],
          green('Youth club attendance steady at about 30.', 760_000, 66),
        ),
        ...parkReturn(4, parkDue[3], {
          ...green(
            'All sessions delivered; ASB reports in the parks fell by a third.',
            945_000,
            73,
          ),
          outcomes:
            'Reports of anti-social behaviour in the park areas fell by a third on the year before; 73 young people used the youth club.',
        }),
        {
          at: at(addDays(parkDue[3], 8), '12:00'),
          kind: 'close',
          closure: {
            outcome: 'completed',
            returnedPence: 15_000,
            note: '£150.00 of the activities and trips budget was not spent and has been paid back.',
          },
        },
      ],
    },
  ];

  function parkReturn(sequence: number, dueOn: string, answers: ReturnAnswers): LiveGrantStep[] {
    return [
      { at: at(addDays(dueOn, -4), '14:00'), kind: 'submit', sequence, answers },
      { at: at(addDays(dueOn, 2), '10:30'), kind: 'review', sequence, review: accepted('green') },
    ];
  }
}
