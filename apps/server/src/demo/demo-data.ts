import { fromUkLocal, StaffRole } from '@grants/core';
import { CreateFundDto, RoundInput } from '@grants/funds';
import { DateTime } from 'luxon';
import { SECOND_ROUND_CODE } from './demo-vote-applications';

/**
 * The demo's funds, rounds and staff, with the figures from the Police and Crime Panel reports
 * (Humberside's Community Response Fund pilot, Leicestershire's Commissioner's Safety Fund).
 * Historic rounds keep their real dates; the open, scheduled and draft rounds are placed
 * around the day the demo is first run.
 */

/** Demo only: printed at start-up, never used outside the demo database. */
export const DEMO_PASSWORD = 'demo-password-opcc';

export const DEMO_STAFF: { email: string; displayName: string; roles: StaffRole[] }[] = [
  { email: 'admin@opcc.localhost', displayName: 'Demo administrator', roles: ['admin'] },
  {
    email: 'officer@opcc.localhost',
    displayName: 'Demo grants officer',
    roles: ['grants-officer'],
  },
  { email: 'assessor@opcc.localhost', displayName: 'Demo assessor', roles: ['assessor'] },
  // A second scorer, as rounds are scored by a panel (here a partner's officer).
  {
    email: 'panel@opcc.localhost',
    displayName: 'Demo panel member (Violence Reduction Network)',
    roles: ['assessor'],
  },
  {
    email: 'commissioner@opcc.localhost',
    displayName: 'Demo Commissioner (decision maker)',
    roles: ['decision-maker'],
  },
  { email: 'finance@opcc.localhost', displayName: 'Demo finance officer', roles: ['finance'] },
];

export const COMMUNITY_RESPONSE_FUND: CreateFundDto = {
  name: 'Community Response Fund',
  slug: 'community-response-fund',
  code: 'CRF',
  description:
    'Responds to issues residents raised in a public consultation. Each round targets named areas, each with its own focus issue. Non-profit organisations (charities, social enterprises, community groups) and town and parish councils can apply for up to £10,000 per area. The office appraises every application for eligibility, shortlists up to 3 eligible projects per area, and residents choose the project funded in their area in a public vote.',
  owningOffice: 'Office of the Police and Crime Commissioner for Humberside',
};

export const COMMISSIONERS_SAFETY_FUND: CreateFundDto = {
  name: "Commissioner's Safety Fund",
  slug: 'commissioners-safety-fund',
  code: 'CSF',
  description:
    "Themed rounds for voluntary and community organisations whose projects support the Police and Crime Plan. Applications are assessed against the fund's criteria and presented to the Commissioner for final approval; awards are announced publicly.",
  owningOffice: 'Office of the Police and Crime Commissioner for Leicestershire',
};

export const DEMO_FUNDS = [COMMUNITY_RESPONSE_FUND, COMMISSIONERS_SAFETY_FUND];

/** The state the demo shows a round in; historic rounds are set closed directly (see historic-round.ts). */
export type DemoRoundTarget = 'draft' | 'scheduled' | 'open' | 'closed';

export interface DemoRound {
  fundSlug: string;
  target: DemoRoundTarget;
  /**
   * A closed scored round: being scored now, or decided with its record published. A closed
   * public-vote round: shortlisted and voted on as demo-vote-data.ts plans.
   */
  assessment?: 'scoring' | 'decided' | 'vote';
  input: RoundInput;
}

const VOLUNTARY_AND_COMMUNITY = [
  'charity',
  'cio',
  'community-group',
  'faith-group',
  'sports-or-social-club',
  'other-voluntary-organisation',
];

const pounds = (value: number) => value * 100;

/** A UK date some days from today at a UK wall-clock time ("17:00"). */
export function ukDayFromNow(now: Date, days: number, time: string): Date {
  const day = DateTime.fromJSDate(now, { zone: 'Europe/London' }).plus({ days });
  return fromUkLocal(day.toFormat('yyyy-MM-dd'), time);
}

const scored = {
  decisionMethod: 'scored' as const,
  recommendThresholdBp: 7000,
  reserveThresholdBp: 6000,
  shortlistSize: null,
  winnersPerArea: null,
  areas: [],
};

/**
 * Children and Young People (early 2022): six applications, all eligible, five approved by the
 * Commissioner for £49,049.00 in all. The demo takes it through scoring to a published decision
 * record (demo-decided-round.ts).
 */
export const CHILDREN_AND_YOUNG_PEOPLE_ROUND: RoundInput = {
  ...scored,
  code: 'CYP',
  title: 'Children and Young People',
  theme: 'Children and young people',
  description:
    'Projects that keep children and young people safe and away from harm, crime and anti-social behaviour. Grants of up to £12,000 for projects lasting 6 to 12 months. Bids scoring 70% or more are recommended to the Commissioner.',
  opensAt: fromUkLocal('2022-01-10', '09:00'),
  closesAt: fromUkLocal('2022-02-14', '17:00'),
  budgetContributions: [{ sourceName: "Commissioner's Safety Fund", amountPence: pounds(60_000) }],
  minGrantPence: 0,
  maxGrantPence: pounds(12_000),
  minDurationMonths: 6,
  maxDurationMonths: 12,
  eligibleOrganisationTypes: VOLUNTARY_AND_COMMUNITY,
  planThemes: ['Curbing violent crime', 'Neighbourhood and community policing'],
};

/** The Community Response Fund pilot (2023), as the Police and Crime Panel reported it. */
export const RESPONSE_FUND_PILOT: RoundInput = {
  code: 'PILOT',
  title: 'Community Response Fund pilot',
  theme: 'Anti-social behaviour',
  description:
    'The pilot round responds to anti-social behaviour residents raised in the public consultation, in two areas with a focus issue each. Up to £10,000 per area; exactly one project is funded in each area. Up to 3 eligible projects per area are shortlisted and residents choose the winner in a public vote in May 2023.',
  opensAt: fromUkLocal('2023-03-09', '09:00'),
  closesAt: fromUkLocal('2023-04-24', '23:59'),
  budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: pounds(20_000) }],
  minGrantPence: 0,
  maxGrantPence: pounds(10_000),
  minDurationMonths: 1,
  maxDurationMonths: 12,
  eligibleOrganisationTypes: [
    'charity',
    'social-enterprise',
    'community-group',
    'town-or-parish-council',
  ],
  planThemes: ['Neighbourhood and community policing'],
  areas: [
    {
      name: 'Winterton',
      focusIssue:
        'Anti-social behaviour in park areas where young people gather; outreach and diversionary activities',
      budgetCapPence: pounds(10_000),
      shortlistSize: 3,
    },
    {
      name: 'Bridlington South',
      focusIssue: 'Anti-social behaviour linked to drug taking',
      budgetCapPence: pounds(10_000),
      shortlistSize: 3,
    },
  ],
  decisionMethod: 'public-vote',
  // One project is funded per area, so each organisation puts forward one per area.
  oneApplicationPerArea: true,
  recommendThresholdBp: null,
  reserveThresholdBp: null,
  shortlistSize: 3,
  winnersPerArea: 1,
};

export function demoRounds(now: Date): DemoRound[] {
  return [
    {
      fundSlug: COMMUNITY_RESPONSE_FUND.slug,
      target: 'closed',
      assessment: 'vote',
      input: RESPONSE_FUND_PILOT,
    },
    {
      fundSlug: COMMUNITY_RESPONSE_FUND.slug,
      target: 'closed',
      assessment: 'vote',
      input: {
        ...RESPONSE_FUND_PILOT,
        code: SECOND_ROUND_CODE,
        title: 'Community Response Fund: second round',
        description:
          'The second round, after the pilot, in the same two areas and on the same terms: up to £10,000 per area, up to 3 eligible projects shortlisted in each, and residents choose the project funded in their area in a public vote.',
        opensAt: ukDayFromNow(now, -63, '09:00'),
        closesAt: ukDayFromNow(now, -21, '23:59'),
      },
    },
    {
      fundSlug: COMMISSIONERS_SAFETY_FUND.slug,
      target: 'closed',
      assessment: 'scoring',
      input: {
        ...scored,
        code: 'DIV',
        title: 'Diversion from ASB and Crime',
        theme: 'Diversion from anti-social behaviour and crime',
        description:
          'Projects that divert people aged 10 to 24 from anti-social behaviour and crime, jointly funded with the Violence Reduction Network: £100,000 ring-fenced from the fund, match-funded by the VRN. Bids up to £20,000 for projects lasting 12 to 24 months. Bids scoring 70% or more are recommended for funding.',
        opensAt: fromUkLocal('2022-09-26', '09:00'),
        closesAt: fromUkLocal('2022-10-24', '17:00'),
        budgetContributions: [
          { sourceName: "Commissioner's Safety Fund", amountPence: 10_000_000 },
          { sourceName: 'Violence Reduction Network', amountPence: 10_403_033 },
        ],
        minGrantPence: 0,
        maxGrantPence: pounds(20_000),
        minDurationMonths: 12,
        maxDurationMonths: 24,
        eligibleOrganisationTypes: VOLUNTARY_AND_COMMUNITY,
        planThemes: ['Curbing violent crime', 'Partnerships'],
      },
    },
    {
      fundSlug: COMMISSIONERS_SAFETY_FUND.slug,
      target: 'closed',
      assessment: 'decided',
      input: CHILDREN_AND_YOUNG_PEOPLE_ROUND,
    },
    {
      fundSlug: COMMISSIONERS_SAFETY_FUND.slug,
      target: 'open',
      input: {
        ...scored,
        code: 'VWD',
        title: 'Victims and witnesses affected by criminal justice delays',
        theme: 'Victims and witnesses',
        description:
          'Support for victims and witnesses whose cases are delayed in the criminal justice system. Up to £111,000 is available; grants of up to £10,000.',
        opensAt: ukDayFromNow(now, -3, '09:00'),
        closesAt: ukDayFromNow(now, 28, '17:00'),
        budgetContributions: [
          { sourceName: "Commissioner's Safety Fund", amountPence: pounds(111_000) },
        ],
        minGrantPence: 0,
        maxGrantPence: pounds(10_000),
        minDurationMonths: 3,
        maxDurationMonths: 12,
        eligibleOrganisationTypes: [...VOLUNTARY_AND_COMMUNITY, 'cic', 'social-enterprise'],
        planThemes: ['Victims of crime'],
      },
    },
    {
      fundSlug: COMMISSIONERS_SAFETY_FUND.slug,
      target: 'scheduled',
      input: {
        ...scored,
        code: 'GEN',
        title: 'General round',
        theme: 'Community safety',
        description:
          'Projects that make communities safer and serve any theme of the Police and Crime Plan. Grants of up to £10,000 for projects lasting 6 to 12 months.',
        opensAt: ukDayFromNow(now, 14, '09:00'),
        closesAt: ukDayFromNow(now, 42, '17:00'),
        budgetContributions: [
          { sourceName: "Commissioner's Safety Fund", amountPence: pounds(65_000) },
        ],
        minGrantPence: 0,
        maxGrantPence: pounds(10_000),
        minDurationMonths: 6,
        maxDurationMonths: 12,
        eligibleOrganisationTypes: VOLUNTARY_AND_COMMUNITY,
        planThemes: ['Neighbourhood and community policing', 'Partnerships', 'Victims of crime'],
      },
    },
    {
      fundSlug: COMMISSIONERS_SAFETY_FUND.slug,
      target: 'draft',
      input: {
        ...scored,
        code: 'VAWG',
        title: 'Violence against Women and Girls',
        theme: 'Violence against women and girls',
        description:
          'Projects that prevent violence against women and girls and support those affected. Being prepared: not yet scheduled.',
        opensAt: ukDayFromNow(now, 60, '09:00'),
        closesAt: ukDayFromNow(now, 88, '17:00'),
        budgetContributions: [
          { sourceName: "Commissioner's Safety Fund", amountPence: pounds(75_000) },
        ],
        minGrantPence: 0,
        maxGrantPence: pounds(15_000),
        minDurationMonths: 12,
        maxDurationMonths: 24,
        eligibleOrganisationTypes: VOLUNTARY_AND_COMMUNITY,
        planThemes: ['Curbing violent crime', 'Victims of crime'],
      },
    },
  ];
}
