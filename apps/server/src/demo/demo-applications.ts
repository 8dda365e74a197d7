import {
  BAY_RECOVERY,
  BRAUNSTONE_YOUTH_TRUST,
  BRIDLINGTON_RESIDENTS,
  HIGHFIELDS_WOMEN,
  HINCKLEY_FAITH,
  LOUGHBOROUGH_BOXING,
  RATBY_PARISH,
  WINTERTON_PARTNERSHIP,
} from './demo-organisations';
import { budget, DemoApplication, full } from './demo-answers';
import { CHILDREN_AND_YOUNG_PEOPLE } from './demo-cyp-applications';
import {
  RESPONSE_FUND_PILOT_SHORTLIST_BIDS,
  secondRoundApplications,
} from './demo-vote-applications';

export type { DemoAnswers, DemoApplication, DemoOutcome } from './demo-answers';

const VICTIMS = ['Victims of crime'];

/** Victims and witnesses affected by criminal justice delays (open): up to £10,000, 3 to 12 months. */
const VICTIMS_AND_WITNESSES: DemoApplication[] = [
  {
    roundCode: 'VWD',
    organisation: BRAUNSTONE_YOUTH_TRUST,
    projectTitle: "Young witnesses' waiting-time mentors",
    outcome: 'draft',
    // Half-filled: the project section done, the budget started but not adding up yet.
    answers: {
      projectSummary:
        'Trained volunteer mentors stay in touch with young witnesses aged 11 to 17 while they wait, often for over a year, for the trial they will give evidence at.',
      planThemes: VICTIMS,
      themesExplanation:
        'Young witnesses tell us the wait is the hardest part; many disengage before the trial. Regular contact keeps them informed and supported.',
      amountRequestedPence: 840_000,
      budgetLines: budget(['Mentor coordinator (part time)', 5_000]),
    },
  },
  {
    roundCode: 'VWD',
    organisation: HINCKLEY_FAITH,
    projectTitle: 'A listening space for victims awaiting trial',
    outcome: 'draft',
    // Just started: only the title so far.
    answers: {},
  },
  {
    roundCode: 'VWD',
    organisation: LOUGHBOROUGH_BOXING,
    projectTitle: 'Back in the ring: confidence sessions for young victims of street crime',
    outcome: 'draft',
    // Every answer given, not yet submitted.
    answers: full({
      projectSummary:
        'Weekly non-contact boxing sessions, with a youth worker, for young people who were robbed or assaulted and are waiting for their case to reach court.',
      planThemes: VICTIMS,
      themesExplanation:
        'Rebuilds the confidence of young victims so they stay engaged with the case while it is delayed.',
      budgetLines: budget(
        ['Coach and youth worker sessions', 4_680],
        ['Equipment', 720],
        ['Travel for participants', 600],
      ),
      durationMonths: 9,
      outcomes:
        'Participants report feeling safer and more confident, and stay in touch with the witness care unit.',
      outcomeMeasures:
        'Attendance registers; a short wellbeing questionnaire at the start and every 3 months.',
      beneficiaryAgeGroups: ['11-17', '18-24'],
      beneficiaryCount: 30,
      beneficiaryDescription:
        'Young victims of robbery and assault in Loughborough referred by the witness care unit.',
    }),
  },
  {
    roundCode: 'VWD',
    organisation: HIGHFIELDS_WOMEN,
    projectTitle: 'Keeping women engaged while their cases wait for court',
    outcome: 'submitted',
    answers: full({
      projectSummary:
        'A caseworker who keeps in touch with women whose cases of violence and abuse are waiting for trial, explains each delay and links them to counselling.',
      planThemes: VICTIMS,
      themesExplanation:
        'Victims of domestic abuse are among the most likely to withdraw support for a prosecution during long delays.',
      budgetLines: budget(['Caseworker (0.4 FTE, 12 months)', 8_450], ['Interpreting', 1_300]),
      durationMonths: 12,
      outcomes:
        'Fewer women withdraw from prosecutions; women say they understood what was happening.',
      outcomeMeasures: 'Case records of withdrawals; exit interviews.',
      beneficiaryAgeGroups: ['18-24', '25-64'],
      beneficiaryCount: 45,
      beneficiaryDescription:
        'Women in Leicester whose cases of domestic or sexual violence are awaiting trial.',
    }),
  },
  {
    roundCode: 'VWD',
    organisation: BRAUNSTONE_YOUTH_TRUST,
    projectTitle: 'Court-ready: preparing young witnesses to give evidence',
    outcome: 'submitted',
    // Filled in and sent by the trust's second member.
    by: 'daniel.okafor@example.org.uk',
    answers: full({
      projectSummary:
        'Pre-trial visits and practical sessions so young witnesses know what will happen at court, delivered with the witness service.',
      planThemes: VICTIMS,
      themesExplanation:
        'Young witnesses who know what to expect give better evidence and are less distressed by delays.',
      budgetLines: budget(['Sessions and visits', 5_400], ['Travel', 980], ['Materials', 600]),
      durationMonths: 9,
      outcomes:
        'Young witnesses feel prepared; fewer trials are delayed because a witness cannot go ahead.',
      outcomeMeasures: 'Feedback forms; witness service records.',
      beneficiaryAgeGroups: ['11-17'],
      beneficiaryCount: 40,
      beneficiaryDescription: 'Young witnesses in Braunstone and west Leicester.',
    }),
  },
  {
    roundCode: 'VWD',
    organisation: HINCKLEY_FAITH,
    projectTitle: "Hinckley victims' befriending service",
    outcome: 'eligible',
    answers: full({
      projectSummary:
        'Volunteer befrienders from local churches and the mosque visit older victims of burglary and fraud while their cases wait for court.',
      planThemes: VICTIMS,
      themesExplanation:
        'Older victims waiting for court are often isolated and anxious about repeat victimisation.',
      budgetLines: budget(
        ['Volunteer coordinator', 3_300],
        ['Volunteer training and DBS checks', 700],
        ['Volunteer expenses', 500],
      ),
      durationMonths: 12,
      outcomes: 'Older victims feel less isolated and more confident at home.',
      outcomeMeasures: 'Visit logs and a wellbeing score at referral and after 6 months.',
      beneficiaryAgeGroups: ['65-plus'],
      beneficiaryCount: 25,
      beneficiaryDescription: 'Older victims of burglary and fraud in Hinckley.',
    }),
  },
  {
    roundCode: 'VWD',
    organisation: RATBY_PARISH,
    projectTitle: 'Ratby victim signposting and home security visits',
    outcome: 'ineligible',
    reason:
      'Town and parish councils cannot apply to this round: it funds voluntary and community organisations, community interest companies and social enterprises. A local voluntary group could apply for this work, with the parish council as a partner.',
    answers: full({
      projectSummary:
        'Home security visits and a leaflet on support services for victims of burglary in Ratby.',
      planThemes: VICTIMS,
      themesExplanation:
        'Victims of burglary waiting for court are afraid of being targeted again.',
      budgetLines: budget(['Door and window locks', 2_400], ['Leaflets', 800]),
      durationMonths: 6,
      outcomes: 'Victims feel safer at home.',
      outcomeMeasures: 'A follow-up call to each household.',
      beneficiaryAgeGroups: ['25-64', '65-plus'],
      beneficiaryCount: 40,
      beneficiaryDescription: 'Households in Ratby that have been burgled.',
    }),
  },
  {
    roundCode: 'VWD',
    organisation: HIGHFIELDS_WOMEN,
    projectTitle: 'Independent advocates for witnesses of domestic abuse',
    outcome: 'more-information',
    reason:
      'Your budget includes £6,000 for two part-time advocates. Please tell us how they will be trained and supervised, and send us your lone-working policy.',
    answers: full({
      projectSummary:
        'Two part-time advocates support witnesses of domestic abuse from charge to trial, including when hearings are moved.',
      planThemes: VICTIMS,
      themesExplanation:
        'Every adjournment is a point where a witness may stop supporting the case.',
      budgetLines: budget(
        ['Advocates (2 x 0.2 FTE)', 6_000],
        ['Supervision', 2_500],
        ['Room hire', 1_500],
      ),
      durationMonths: 12,
      outcomes: 'More witnesses of domestic abuse stay engaged until the trial.',
      outcomeMeasures: 'Case outcomes recorded by the advocates; witness feedback.',
      beneficiaryAgeGroups: ['18-24', '25-64'],
      beneficiaryCount: 60,
      beneficiaryDescription: 'Witnesses of domestic abuse in Leicester.',
    }),
  },
  {
    roundCode: 'VWD',
    organisation: LOUGHBOROUGH_BOXING,
    projectTitle: 'Boxing fitness for victims of knife crime',
    outcome: 'withdrawn',
    reason: 'We have found other funding for this project.',
    answers: full({
      projectSummary:
        'Fitness sessions and mentoring for young men recovering from knife injuries while their cases wait for court.',
      planThemes: VICTIMS,
      themesExplanation:
        'Helps victims recover and keeps them away from retaliation while the case is delayed.',
      budgetLines: budget(['Coaching', 4_200], ['Mentoring', 1_400]),
      durationMonths: 6,
      outcomes: 'Participants recover fitness and confidence; none are involved in retaliation.',
      outcomeMeasures: 'Attendance and mentor notes.',
      beneficiaryAgeGroups: ['18-24'],
      beneficiaryCount: 12,
      beneficiaryDescription: 'Young men in Loughborough injured in knife crime.',
    }),
  },
];

const DIVERSION_THEMES = ['Curbing violent crime', 'Partnerships'];

/** Diversion from ASB and Crime (closed 24/10/2022 17:00): up to £20,000, 12 to 24 months. */
const DIVERSION: DemoApplication[] = [
  {
    roundCode: 'DIV',
    organisation: BRAUNSTONE_YOUTH_TRUST,
    projectTitle: 'Friday night football in Braunstone',
    outcome: 'eligible',
    submittedAtUk: { date: '2022-10-03', time: '11:15' },
    answers: full({
      projectSummary:
        'Free coached football on Friday evenings for young people aged 10 to 17 on the Braunstone estate.',
      planThemes: DIVERSION_THEMES,
      themesExplanation:
        'Anti-social behaviour on the estate peaks on Friday nights; the sessions give young people somewhere to be.',
      budgetLines: budget(['Coaches', 12_600], ['Pitch hire', 4_750], ['Kit and equipment', 2_500]),
      durationMonths: 18,
      outcomes: 'Fewer reports of anti-social behaviour near the park on Friday nights.',
      outcomeMeasures: 'Attendance registers and police ASB figures for the ward, quarterly.',
      beneficiaryAgeGroups: ['under-11', '11-17'],
      beneficiaryCount: 80,
      beneficiaryDescription: 'Young people at risk of being drawn into crime.',
    }),
  },
  {
    roundCode: 'DIV',
    organisation: RATBY_PARISH,
    projectTitle: 'Ratby youth shelter and detached youth work',
    outcome: 'ineligible',
    submittedAtUk: { date: '2022-10-10', time: '14:05' },
    reason:
      'This round funds voluntary and community organisations only; town and parish councils cannot apply. The youth work could be delivered by a voluntary group, which could apply in a later round.',
    answers: full({
      projectSummary:
        'A youth shelter on the recreation ground and two evenings a week of detached youth work.',
      planThemes: ['Partnerships'],
      themesExplanation: 'Young people gather on the recreation ground with nowhere to go.',
      budgetLines: budget(['Youth shelter', 9_000], ['Detached youth workers', 6_000]),
      durationMonths: 12,
      outcomes: 'Fewer complaints of anti-social behaviour on the recreation ground.',
      outcomeMeasures: 'Complaints logged by the parish council.',
      beneficiaryAgeGroups: ['11-17'],
      beneficiaryCount: 50,
      beneficiaryDescription: 'Young people in Ratby.',
    }),
  },
  {
    roundCode: 'DIV',
    organisation: LOUGHBOROUGH_BOXING,
    projectTitle: 'Boxing against knife crime in Loughborough',
    outcome: 'eligible',
    submittedAtUk: { date: '2022-10-19', time: '19:42' },
    answers: full({
      projectSummary:
        'Boxing training with knife-crime awareness workshops, run with the Violence Reduction Network, for young people referred by schools and the police.',
      planThemes: DIVERSION_THEMES,
      themesExplanation:
        'Diverts young people at risk of carrying knives into structured sport with positive role models.',
      budgetLines: budget(['Coaching', 7_800], ['Workshops', 2_600], ['Equipment', 2_000]),
      durationMonths: 12,
      outcomes:
        'Young people referred stay out of trouble and understand the risks of carrying knives.',
      outcomeMeasures:
        'Referral partner feedback; reoffending checks with the youth justice service.',
      beneficiaryAgeGroups: ['11-17', '18-24'],
      beneficiaryCount: 45,
      beneficiaryDescription:
        'Young people aged 12 to 24 referred by schools, the police and youth justice.',
    }),
  },
  {
    roundCode: 'DIV',
    organisation: HINCKLEY_FAITH,
    projectTitle: 'Detached youth work in Hinckley town centre',
    outcome: 'more-information',
    // Twelve minutes before the deadline (17:00 BST).
    submittedAtUk: { date: '2022-10-24', time: '16:48' },
    reason:
      'Your budget includes £4,800 to lease a minibus. Please tell us how the minibus will be used in the project and whether your insurance covers volunteer drivers.',
    answers: full({
      projectSummary:
        'Youth workers and trained volunteers meet young people where they gather in the town centre on Friday and Saturday evenings.',
      planThemes: DIVERSION_THEMES,
      themesExplanation:
        'Anti-social behaviour in the town centre is highest at weekends; detached work reaches young people who use no services.',
      budgetLines: budget(
        ['Youth workers', 12_200],
        ['Minibus lease', 4_800],
        ['Volunteer training', 3_000],
      ),
      durationMonths: 24,
      outcomes:
        'Less anti-social behaviour in the town centre; young people take part in positive activities.',
      outcomeMeasures:
        'Contacts logged by the youth workers; police ASB figures for the town centre.',
      beneficiaryAgeGroups: ['11-17', '18-24'],
      beneficiaryCount: 150,
      beneficiaryDescription: 'Young people who gather in Hinckley town centre at weekends.',
    }),
  },
];

const RESPONSE_THEMES = ['Neighbourhood and community policing'];

/** Community Response Fund pilot (closed 24/04/2023): up to £10,000 per area, 1 to 12 months. */
const RESPONSE_FUND_PILOT: DemoApplication[] = [
  {
    roundCode: 'PILOT',
    organisation: WINTERTON_PARTNERSHIP,
    projectTitle: 'Winterton park outreach and Friday youth club',
    outcome: 'eligible',
    submittedAtUk: { date: '2023-03-27', time: '10:30' },
    answers: full({
      areaName: 'Winterton',
      projectSummary:
        'Outreach workers in the parks where young people gather, and a Friday youth club at the community centre.',
      planThemes: RESPONSE_THEMES,
      themesExplanation:
        'Residents named anti-social behaviour in the park areas; outreach and diversionary activities answer it directly.',
      budgetLines: budget(
        ['Outreach workers', 6_200],
        ['Youth club sessions', 2_650],
        ['Activities and trips', 750],
      ),
      durationMonths: 10,
      outcomes:
        'Fewer reports of anti-social behaviour in the parks; young people use the youth club.',
      outcomeMeasures: 'Police and council ASB reports for the parks; youth club attendance.',
      beneficiaryAgeGroups: ['11-17'],
      beneficiaryCount: 70,
      beneficiaryDescription: 'Young people in Winterton who gather in the park areas.',
    }),
  },
  {
    roundCode: 'PILOT',
    organisation: BAY_RECOVERY,
    projectTitle: 'Peer recovery outreach in Bridlington South',
    outcome: 'ineligible',
    submittedAtUk: { date: '2023-04-12', time: '15:20' },
    reason:
      'The pilot is open to charities, social enterprises, community groups and town and parish councils; community interest companies are not on the list for this round. You could apply with a partner charity in a later round.',
    answers: full({
      areaName: 'Bridlington South',
      projectSummary:
        'People in recovery reach out to those using drugs in public places and link them to treatment.',
      planThemes: RESPONSE_THEMES,
      themesExplanation:
        'Targets the anti-social behaviour linked to drug taking that residents raised.',
      budgetLines: budget(
        ['Peer outreach workers', 7_400],
        ['Training', 1_600],
        ['Naloxone kits and supplies', 1_000],
      ),
      durationMonths: 12,
      outcomes:
        'More people using drugs in public places start treatment; fewer complaints of drug-related ASB.',
      outcomeMeasures: 'Treatment referrals; complaints to the council.',
      beneficiaryAgeGroups: ['18-24', '25-64'],
      beneficiaryCount: 35,
      beneficiaryDescription: 'Adults using drugs in public places in Bridlington South.',
    }),
  },
  {
    roundCode: 'PILOT',
    organisation: BRIDLINGTON_RESIDENTS,
    projectTitle: 'Safer streets walkabouts and needle sweeps',
    outcome: 'more-information',
    submittedAtUk: { date: '2023-04-21', time: '20:05' },
    reason:
      'Please tell us who will carry out the needle sweeps and send evidence of their training in handling drug litter safely.',
    answers: full({
      areaName: 'Bridlington South',
      projectSummary:
        'Monthly residents’ walkabouts with the neighbourhood policing team, and needle sweeps of alleys and play areas.',
      planThemes: RESPONSE_THEMES,
      themesExplanation:
        'Drug litter and dealing in the alleys are what residents say makes them feel unsafe.',
      budgetLines: budget(
        ['Sharps bins and protective equipment', 1_450],
        ['Alley lighting', 3_900],
        ['Leaflets and meetings', 900],
      ),
      durationMonths: 6,
      outcomes: 'Cleaner alleys; residents report feeling safer.',
      outcomeMeasures: 'Needles collected per sweep; a residents’ survey before and after.',
      beneficiaryAgeGroups: ['under-11', '25-64', '65-plus'],
      beneficiaryCount: 1200,
      beneficiaryDescription: 'Residents of the streets around South Cliff and the harbour.',
    }),
  },
];

/**
 * The demo's applications: in the open Victims and Witnesses round, one in every state an
 * officer meets; in the historic rounds, some submitted while those rounds were open and
 * appraised since (Children and Young People's, all eligible and decided, are in
 * demo-cyp-applications.ts). Each is found again by round, organisation and title, so a second
 * run adds nothing.
 */
export const DEMO_APPLICATIONS: DemoApplication[] = [
  ...VICTIMS_AND_WITNESSES,
  ...DIVERSION,
  ...RESPONSE_FUND_PILOT,
  ...RESPONSE_FUND_PILOT_SHORTLIST_BIDS,
  ...CHILDREN_AND_YOUNG_PEOPLE,
];

/** Every demo application, with the Community Response Fund's second round placed around `now`. */
export function demoApplications(now: Date): DemoApplication[] {
  return [...DEMO_APPLICATIONS, ...secondRoundApplications(now)];
}
