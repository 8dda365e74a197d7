import { fromUkLocal } from '@grants/core';
import { ukDayFromNow } from './demo-data';
import { SECOND_ROUND_CODE } from './demo-vote-applications';

/**
 * The Community Response Fund's public votes in the demo: the 2023 pilot's, closed with their
 * results published and the winners signed off, and the second round's, open now in Winterton
 * (with some votes cast) and about to open in Bridlington South.
 */

export interface DemoShortlisted {
  /** The bid, by its title (each title is unique in its round). */
  projectTitle: string;
  publicTitle: string;
  publicSummary: string;
  /** How many residents vote for it while the demo seeds (none if the ballot is not open). */
  votes: number;
}

export interface DemoBallot {
  areaName: string;
  postcodeAreas: string;
  /** Full postcodes the demo's residents give, in turn (no more than 10 votes from one). */
  residentPostcodes: string[];
  opensAt: Date;
  closesAt: Date;
  /** When the officer fixed the shortlist and scheduled the vote; null: at the time of seeding. */
  scheduledAt: Date | null;
  shortlist: DemoShortlisted[];
}

export interface DemoVote {
  roundCode: string;
  ballots: DemoBallot[];
  /** A closed vote: when the results were published, the winners signed off and the record published. */
  decision?: {
    resultsPublishedAt: Date;
    signedOffAt: Date;
    recordPublishedAt: Date;
    record: { title: string; summary: string; declarations: string };
  };
}

const WINTERTON_POSTCODES = ['DN15 9AB', 'DN15 9DL', 'DN15 9HU', 'DN15 9QS', 'DN15 9TG'];
const BRIDLINGTON_POSTCODES = ['YO15 2NL', 'YO15 3BJ', 'YO16 4JA', 'YO16 6RD', 'YO16 7EW'];

export const PILOT_VOTE: DemoVote = {
  roundCode: 'PILOT',
  ballots: [
    {
      areaName: 'Winterton',
      postcodeAreas: 'DN15 9',
      residentPostcodes: WINTERTON_POSTCODES,
      opensAt: fromUkLocal('2023-05-08', '09:00'),
      closesAt: fromUkLocal('2023-05-26', '17:00'),
      scheduledAt: fromUkLocal('2023-05-02', '11:00'),
      shortlist: [
        {
          projectTitle: 'Winterton park outreach and Friday youth club',
          publicTitle: 'Park outreach and a Friday youth club',
          publicSummary:
            'Outreach workers in the parks where young people gather, and a Friday youth club at the community centre.',
          votes: 9,
        },
        {
          projectTitle: 'Lighting and a shelter for the recreation ground',
          publicTitle: 'Lighting and a youth shelter on the recreation ground',
          publicSummary:
            'Solar lighting along the paths and a youth shelter in sight of the houses, designed with the young people who use the park.',
          votes: 5,
        },
        {
          projectTitle: 'Friday and Saturday night multi-sports',
          publicTitle: 'Weekend night multi-sports at the pavilion',
          publicSummary:
            'Free football, basketball and boxing fitness on Friday and Saturday evenings, with coaches and a youth worker.',
          votes: 3,
        },
      ],
    },
    {
      areaName: 'Bridlington South',
      postcodeAreas: 'YO15, YO16',
      residentPostcodes: BRIDLINGTON_POSTCODES,
      opensAt: fromUkLocal('2023-05-08', '09:00'),
      closesAt: fromUkLocal('2023-05-26', '17:00'),
      scheduledAt: fromUkLocal('2023-05-02', '11:30'),
      shortlist: [
        {
          projectTitle: 'Harbour youth drop-in and drugs awareness',
          publicTitle: 'Harbour youth drop-in and drugs awareness',
          publicSummary:
            'An evening drop-in by the harbour with youth workers trained in drugs awareness, and sessions in the secondary schools.',
          votes: 4,
        },
        {
          projectTitle: 'Street Pastors night patrols in the Old Town and harbour',
          publicTitle: 'Night patrols in the Old Town and harbour',
          publicSummary:
            'Trained volunteers patrol on Friday and Saturday nights, clear drug litter and look after vulnerable people.',
          votes: 8,
        },
        {
          projectTitle: 'Community kitchen outreach for people using drugs',
          publicTitle: 'Community kitchen with a recovery worker',
          publicSummary:
            'A hot meal twice a week where a recovery worker helps people using drugs in public places into treatment.',
          votes: 2,
        },
      ],
    },
  ],
  decision: {
    resultsPublishedAt: fromUkLocal('2023-05-30', '10:00'),
    signedOffAt: fromUkLocal('2023-06-02', '14:00'),
    recordPublishedAt: fromUkLocal('2023-06-05', '09:30'),
    record: {
      title: 'Community Response Fund pilot: the winners of the public vote',
      summary:
        'Residents of Winterton and Bridlington South chose the project funded in their area. The project with the most votes in each area is offered its grant, up to the area’s £10,000.',
      declarations: 'None',
    },
  },
};

/** The second round: the vote open now in Winterton, opening in four days in Bridlington South. */
export function secondRoundVote(now: Date): DemoVote {
  return {
    roundCode: SECOND_ROUND_CODE,
    ballots: [
      {
        areaName: 'Winterton',
        postcodeAreas: 'DN15 9',
        residentPostcodes: WINTERTON_POSTCODES,
        opensAt: ukDayFromNow(now, -3, '09:00'),
        closesAt: ukDayFromNow(now, 11, '17:00'),
        scheduledAt: ukDayFromNow(now, -10, '11:00'),
        shortlist: [
          {
            projectTitle: 'Detached youth work in the parks, year two',
            publicTitle: 'Youth workers in the parks, another year',
            publicSummary:
              'Youth workers meet young people where they gather, in the parks and by the shops, on the evenings with most trouble.',
            votes: 3,
          },
          {
            projectTitle: 'CCTV and lighting at the skate park',
            publicTitle: 'A camera and lighting at the skate park',
            publicSummary:
              'A camera and lighting at the skate park, monitored with the neighbourhood policing team.',
            votes: 2,
          },
          {
            projectTitle: 'Summer holiday activity camp',
            publicTitle: 'A free summer holiday activity camp',
            publicSummary:
              'Four weeks of free sport, climbing and cooking for young people over the summer holidays.',
            votes: 1,
          },
        ],
      },
      {
        areaName: 'Bridlington South',
        postcodeAreas: 'YO15, YO16',
        residentPostcodes: BRIDLINGTON_POSTCODES,
        opensAt: ukDayFromNow(now, 4, '09:00'),
        closesAt: ukDayFromNow(now, 18, '17:00'),
        scheduledAt: null,
        shortlist: [
          {
            projectTitle: 'Alley gates for the streets behind the harbour',
            publicTitle: 'Alley gates behind the harbour',
            publicSummary:
              'Lockable gates on the six alleys where drugs are dealt and used, with keys for every household.',
            votes: 0,
          },
          {
            projectTitle: 'Detached youth work on the seafront',
            publicTitle: 'Youth workers on the seafront',
            publicSummary:
              'Youth workers on the seafront on summer evenings, when young people are most at risk of being drawn into dealing.',
            votes: 0,
          },
          {
            projectTitle: 'Street Pastors weekday patrols',
            publicTitle: 'Street Pastors on weekday nights too',
            publicSummary:
              'Patrols extended to Wednesday and Thursday nights, when drug taking in the Old Town now happens.',
            votes: 0,
          },
        ],
      },
    ],
  };
}
