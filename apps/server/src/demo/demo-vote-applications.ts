import { DateTime } from 'luxon';
import { budget, DemoAnswers, DemoApplication, full } from './demo-answers';
import {
  ANCHOLME_YOUTH,
  BRIDLINGTON_RESIDENTS,
  HARBOUR_YOUTH,
  SOUTH_CLIFF_KITCHEN,
  STREET_PASTORS,
  WINTERTON_PARTNERSHIP,
  WINTERTON_TOWN_COUNCIL,
} from './demo-organisations';

/**
 * The Community Response Fund bids that make up each area's shortlist of three: in the 2023
 * pilot, beside the three bids in demo-applications.ts, and in the second round, whose dates
 * are placed around the day the demo is first run (see demo-vote-data.ts).
 */

const THEMES = ['Neighbourhood and community policing'];
const WINTERTON = 'Winterton';
const BRIDLINGTON = 'Bridlington South';

interface Bid {
  organisation: string;
  projectTitle: string;
  area: string;
  summary: string;
  why: string;
  lines: [string, number][];
  months: number;
  outcomes: string;
  measures: string;
  ages: DemoAnswers['beneficiaryAgeGroups'];
  count: number;
  who: string;
}

/** An eligible bid in a public-vote round, submitted at a UK wall-clock time. */
function eligible(roundCode: string, bid: Bid, date: string, time: string): DemoApplication {
  return {
    roundCode,
    organisation: bid.organisation,
    projectTitle: bid.projectTitle,
    outcome: 'eligible',
    submittedAtUk: { date, time },
    answers: full({
      areaName: bid.area,
      projectSummary: bid.summary,
      planThemes: THEMES,
      themesExplanation: bid.why,
      budgetLines: budget(...bid.lines),
      durationMonths: bid.months,
      outcomes: bid.outcomes,
      outcomeMeasures: bid.measures,
      beneficiaryAgeGroups: bid.ages,
      beneficiaryCount: bid.count,
      beneficiaryDescription: bid.who,
    }),
  };
}

const parkLighting: Bid = {
  organisation: WINTERTON_TOWN_COUNCIL,
  projectTitle: 'Lighting and a shelter for the recreation ground',
  area: WINTERTON,
  summary:
    'Solar lighting along the recreation ground paths and a youth shelter in sight of the houses, designed with the young people who use the park.',
  why: 'Residents named the dark corners of the park, where young people gather out of sight, as where the anti-social behaviour happens.',
  lines: [
    ['Solar path lighting', 5_800],
    ['Youth shelter', 3_100],
  ],
  months: 4,
  outcomes: 'Fewer reports of anti-social behaviour in the park after dark.',
  measures: 'Police and council ASB reports for the recreation ground, before and after.',
  ages: ['11-17', '25-64'],
  count: 400,
  who: 'Young people who use the recreation ground and the residents around it.',
};

const multiSports: Bid = {
  organisation: ANCHOLME_YOUTH,
  projectTitle: 'Friday and Saturday night multi-sports',
  area: WINTERTON,
  summary:
    'Free football, basketball and boxing fitness at the pavilion on Friday and Saturday evenings, with qualified coaches and a youth worker.',
  why: 'Gives young people who gather in the park somewhere to go on the nights the problems peak.',
  lines: [
    ['Coaches and youth worker', 6_400],
    ['Pavilion hire', 1_500],
    ['Equipment', 900],
  ],
  months: 10,
  outcomes: 'Young people take part in sport instead of gathering in the park late at night.',
  measures: 'Attendance at each session; ASB reports on Friday and Saturday nights.',
  ages: ['11-17'],
  count: 90,
  who: 'Young people aged 11 to 17 in Winterton.',
};

const harbourDropIn: Bid = {
  organisation: HARBOUR_YOUTH,
  projectTitle: 'Harbour youth drop-in and drugs awareness',
  area: BRIDLINGTON,
  summary:
    'An evening drop-in by the harbour with youth workers trained in drugs awareness, and sessions in the two secondary schools.',
  why: 'Young people are drawn into the drug dealing residents complained of; the drop-in reaches them first.',
  lines: [
    ['Youth workers', 6_900],
    ['Schools sessions', 1_800],
    ['Venue and refreshments', 800],
  ],
  months: 12,
  outcomes: 'Young people know the risks and where to get help; fewer are drawn into dealing.',
  measures: 'Attendance; a survey before and after the schools sessions; referrals made.',
  ages: ['11-17', '18-24'],
  count: 250,
  who: 'Young people in Bridlington South.',
};

const nightPatrols: Bid = {
  organisation: STREET_PASTORS,
  projectTitle: 'Street Pastors night patrols in the Old Town and harbour',
  area: BRIDLINGTON,
  summary:
    'Trained volunteers patrol on Friday and Saturday nights, clear drug litter and look after vulnerable people, linked to the neighbourhood policing team by radio.',
  why: 'Residents said drug taking in doorways and alleys at night makes them feel unsafe.',
  lines: [
    ['Volunteer training', 2_400],
    ['Radios and uniforms', 2_100],
    ['Sharps kits and first aid', 1_300],
  ],
  months: 12,
  outcomes: 'Drug litter cleared quickly; vulnerable people helped; residents feel safer.',
  measures: 'Patrol logs (litter cleared, people helped); a residents’ survey.',
  ages: ['18-24', '25-64'],
  count: 600,
  who: 'People out at night in the Old Town and harbour, and residents nearby.',
};

const kitchenOutreach: Bid = {
  organisation: SOUTH_CLIFF_KITCHEN,
  projectTitle: 'Community kitchen outreach for people using drugs',
  area: BRIDLINGTON,
  summary:
    'A hot meal twice a week where a recovery worker meets people using drugs in public places and helps them into treatment.',
  why: 'Reaches the people whose drug taking in public residents raised, with a way out of it.',
  lines: [
    ['Recovery worker sessions', 5_200],
    ['Food and kitchen costs', 2_300],
  ],
  months: 12,
  outcomes: 'More people start treatment; less drug taking in public places.',
  measures: 'Treatment referrals and starts; complaints to the council.',
  ages: ['18-24', '25-64'],
  count: 45,
  who: 'Adults using drugs in public places in Bridlington South.',
};

/** Pilot bids beside demo-applications.ts's three: the pilot's shortlists need three each. */
export const RESPONSE_FUND_PILOT_SHORTLIST_BIDS: DemoApplication[] = [
  eligible('PILOT', parkLighting, '2023-04-03', '14:10'),
  eligible('PILOT', multiSports, '2023-04-18', '09:45'),
  eligible('PILOT', harbourDropIn, '2023-03-30', '16:25'),
  eligible('PILOT', nightPatrols, '2023-04-14', '11:05'),
  eligible('PILOT', kitchenOutreach, '2023-04-24', '18:40'),
];

export const SECOND_ROUND_CODE = 'R2';

const bid = (base: Bid, projectTitle: string, summary: string): Bid => ({
  ...base,
  projectTitle,
  summary,
});

/** The second round's bids: the same six groups, one each, sent days before it closed. */
export function secondRoundApplications(now: Date): DemoApplication[] {
  const day = (days: number) =>
    DateTime.fromJSDate(now, { zone: 'Europe/London' }).plus({ days }).toFormat('yyyy-MM-dd');
  const bids: [Bid, number, string][] = [
    [
      bid(
        {
          ...multiSports,
          organisation: WINTERTON_PARTNERSHIP,
          lines: [
            ['Outreach workers', 5_600],
            ['Detached youth work', 2_400],
          ],
        },
        'Detached youth work in the parks, year two',
        'Youth workers meet young people where they gather, in the parks and by the shops, on the evenings residents report most trouble.',
      ),
      -48,
      '10:15',
    ],
    [
      bid(
        parkLighting,
        'CCTV and lighting at the skate park',
        'A camera and lighting at the skate park, monitored with the neighbourhood policing team, after damage and intimidation residents reported there.',
      ),
      -35,
      '15:30',
    ],
    [
      bid(
        multiSports,
        'Summer holiday activity camp',
        'Four weeks of free sport, climbing and cooking for young people over the summer holidays, when anti-social behaviour in the parks peaks.',
      ),
      -24,
      '12:00',
    ],
    [
      bid(
        {
          ...nightPatrols,
          organisation: BRIDLINGTON_RESIDENTS,
          lines: [
            ['Alley gates', 6_300],
            ['Lighting', 2_700],
          ],
        },
        'Alley gates for the streets behind the harbour',
        'Lockable gates on the six alleys residents named, where drugs are dealt and used, with keys for every household.',
      ),
      -41,
      '19:20',
    ],
    [
      bid(
        harbourDropIn,
        'Detached youth work on the seafront',
        'Youth workers on the seafront on summer evenings, when young people are most at risk of being drawn into dealing.',
      ),
      -30,
      '11:40',
    ],
    [
      bid(
        nightPatrols,
        'Street Pastors weekday patrols',
        'Patrols extended to Wednesday and Thursday nights, when residents say drug taking in the Old Town now happens.',
      ),
      -27,
      '21:10',
    ],
  ];
  return bids.map(([b, days, time]) => eligible(SECOND_ROUND_CODE, b, day(days), time));
}
