import { budget, DemoApplication, full } from './demo-answers';
import {
  BRAUNSTONE_YOUTH_TRUST,
  HIGHFIELDS_WOMEN,
  HINCKLEY_FAITH,
  LOUGHBOROUGH_BOXING,
} from './demo-organisations';

export const CYP_BOXING = 'Junior boxing and mentoring on Saturday mornings';
export const CYP_DETACHED = 'Detached youth work on the Braunstone estate';
export const CYP_GIRLS = "Girls' safe space and healthy relationships group";
export const CYP_HOLIDAYS = 'Holiday activities for young people in Hinckley';
export const CYP_ONLINE = 'Staying safe online: workshops in west Leicester schools';
export const CYP_MENTORING = "Young women's mentoring in Highfields";

const CYP_THEMES = ['Curbing violent crime', 'Neighbourhood and community policing'];

/**
 * Children and Young People (closed 14/02/2022 17:00): up to £12,000, 6 to 12 months. Six
 * applications from the four Leicestershire organisations the round funds, all found eligible;
 * they are scored, recommended and decided by the seed (demo-decided-round.ts).
 */
export const CHILDREN_AND_YOUNG_PEOPLE: DemoApplication[] = [
  {
    roundCode: 'CYP',
    organisation: BRAUNSTONE_YOUTH_TRUST,
    projectTitle: CYP_DETACHED,
    outcome: 'eligible',
    submittedAtUk: { date: '2022-01-24', time: '10:05' },
    answers: full({
      projectSummary:
        'Two youth workers meet young people aged 11 to 17 where they gather on the estate on Thursday and Friday evenings, and link them to clubs, training and support.',
      planThemes: CYP_THEMES,
      themesExplanation:
        'Young people on the estate are being drawn into county lines; detached work reaches those who use no services.',
      budgetLines: budget(
        ['Youth workers (2 x 6 hours a week)', 7_450],
        ['Supervision and training', 1_400],
        ['Activities and refreshments', 1_000],
      ),
      durationMonths: 12,
      outcomes:
        'Young people at risk are known to a trusted adult and take up positive activities; fewer reports of anti-social behaviour on the estate.',
      outcomeMeasures: 'Contacts and referrals logged each session; police ASB figures, quarterly.',
      beneficiaryAgeGroups: ['11-17'],
      beneficiaryCount: 120,
      beneficiaryDescription: 'Young people who gather on the Braunstone estate in the evenings.',
    }),
  },
  {
    roundCode: 'CYP',
    organisation: LOUGHBOROUGH_BOXING,
    projectTitle: CYP_BOXING,
    outcome: 'eligible',
    submittedAtUk: { date: '2022-01-31', time: '19:20' },
    answers: full({
      projectSummary:
        'Saturday morning boxing for 10 to 16 year olds referred by schools and the early help team, each paired with a volunteer mentor from the club.',
      planThemes: CYP_THEMES,
      themesExplanation:
        'Gives young people at risk of exclusion a structured activity, discipline and a mentor at the age they are most likely to be groomed into crime.',
      budgetLines: budget(
        ['Coaches (2 x 3 hours a week)', 6_240],
        ['Mentor training and DBS checks', 2_160],
        ['Equipment', 2_400],
        ['Hall hire', 1_200],
      ),
      durationMonths: 12,
      outcomes:
        'Referred young people attend regularly, stay in school and are not involved in crime.',
      outcomeMeasures: 'Attendance; school attendance reported by the referrer at 6 and 12 months.',
      beneficiaryAgeGroups: ['under-11', '11-17'],
      beneficiaryCount: 40,
      beneficiaryDescription:
        'Young people in Loughborough referred by schools and the early help team.',
    }),
  },
  {
    roundCode: 'CYP',
    organisation: HIGHFIELDS_WOMEN,
    projectTitle: CYP_GIRLS,
    outcome: 'eligible',
    submittedAtUk: { date: '2022-02-03', time: '14:40' },
    answers: full({
      projectSummary:
        'A weekly group for girls aged 12 to 16 with a youth worker and a counsellor: a safe space, and sessions on healthy relationships, consent and online exploitation.',
      planThemes: CYP_THEMES,
      themesExplanation:
        'Girls in Highfields tell us they meet harassment and pressure in relationships early; the group helps them recognise abuse and seek help.',
      budgetLines: budget(
        ['Youth worker (4 hours a week)', 4_420],
        ['Counsellor sessions', 2_600],
        ['Room hire', 900],
        ['Materials', 500],
      ),
      durationMonths: 10,
      outcomes:
        'Girls recognise controlling behaviour and know where to go for help; disclosures are supported.',
      outcomeMeasures:
        'A short questionnaire at the start and end; disclosures and referrals made.',
      beneficiaryAgeGroups: ['11-17'],
      beneficiaryCount: 24,
      beneficiaryDescription: 'Girls aged 12 to 16 living in Highfields.',
    }),
  },
  {
    roundCode: 'CYP',
    organisation: HINCKLEY_FAITH,
    projectTitle: CYP_HOLIDAYS,
    outcome: 'eligible',
    submittedAtUk: { date: '2022-02-09', time: '11:55' },
    answers: full({
      projectSummary:
        'Sport, cooking and day trips in the Easter and summer holidays for 11 to 16 year olds, run by volunteers from the network’s churches and mosque.',
      planThemes: CYP_THEMES,
      themesExplanation:
        'Anti-social behaviour in Hinckley rises in the school holidays, when there is little for young people to do.',
      budgetLines: budget(
        ['Sessional youth workers', 3_829],
        ['Coach hire for trips', 1_500],
        ['Food and cooking sessions', 1_500],
        ['Venue hire', 1_000],
      ),
      durationMonths: 6,
      outcomes:
        'Young people take part through the holidays; fewer ASB reports in the town centre.',
      outcomeMeasures: 'Attendance registers; police ASB figures for the holiday weeks.',
      beneficiaryAgeGroups: ['11-17'],
      beneficiaryCount: 90,
      beneficiaryDescription: 'Young people aged 11 to 16 in Hinckley.',
    }),
  },
  {
    roundCode: 'CYP',
    organisation: BRAUNSTONE_YOUTH_TRUST,
    projectTitle: CYP_ONLINE,
    outcome: 'eligible',
    // Filled in and sent by the trust's second member.
    by: 'daniel.okafor@example.org.uk',
    submittedAtUk: { date: '2022-02-11', time: '16:30' },
    answers: full({
      projectSummary:
        'Workshops in eight secondary schools on grooming, sextortion and online bullying, for pupils in Years 7 to 9 and an evening session for parents at each school.',
      planThemes: CYP_THEMES,
      themesExplanation:
        'Schools report more online exploitation of young pupils; the workshops help them spot it and report it.',
      budgetLines: budget(
        ['Facilitators (32 workshops)', 7_680],
        ['Parents’ evenings', 1_920],
        ['Resources and printing', 1_850],
      ),
      durationMonths: 9,
      outcomes: 'Pupils and parents know how to spot online grooming and where to report it.',
      outcomeMeasures: 'Before-and-after quiz; reports to schools’ safeguarding leads.',
      beneficiaryAgeGroups: ['11-17', '25-64'],
      beneficiaryCount: 1_400,
      beneficiaryDescription: 'Pupils in Years 7 to 9 and their parents in west Leicester.',
    }),
  },
  {
    roundCode: 'CYP',
    organisation: HIGHFIELDS_WOMEN,
    projectTitle: CYP_MENTORING,
    outcome: 'eligible',
    submittedAtUk: { date: '2022-02-14', time: '15:10' },
    answers: full({
      projectSummary:
        'Trained volunteer mentors meet young women aged 16 to 21 leaving care or at risk of exploitation, weekly for six months.',
      planThemes: CYP_THEMES,
      themesExplanation:
        'Young women leaving care are targeted for sexual and criminal exploitation; a mentor is a trusted adult outside services.',
      budgetLines: budget(
        ['Mentoring coordinator (0.3 FTE)', 6_300],
        ['Mentor training', 1_700],
        ['Mentoring activities', 1_200],
      ),
      durationMonths: 12,
      outcomes: 'Mentees stay in education, training or work and are not exploited.',
      outcomeMeasures: 'Mentor records; a wellbeing score at the start and after six months.',
      beneficiaryAgeGroups: ['11-17', '18-24'],
      beneficiaryCount: 20,
      beneficiaryDescription: 'Young women in Highfields leaving care or at risk of exploitation.',
    }),
  },
];
