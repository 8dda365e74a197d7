import type { RoundArea } from '@grants/funds';
import type { ApplicationAnswers } from './application-answers';
import {
  EligibilityCheck,
  EligibilityCheckKey,
  EligibilityFacts,
  runEligibilityChecks,
} from './eligibility-checks';

type Round = Parameters<typeof runEligibilityChecks>[0];

const WINTERTON = 'a0000000-0000-4000-8000-000000000001';
const BRIDLINGTON = 'a0000000-0000-4000-8000-000000000002';

/** 17:00 on 24/10/2022 (BST): the Diversion round's deadline, 16:00 UTC. */
const DEADLINE = new Date('2022-10-24T16:00:00Z');

/** Diversion from ASB and Crime: voluntary and community organisations, up to £20,000, 12-24 months. */
const diversion = (overrides: Partial<Round> = {}): Round => ({
  eligibleOrganisationTypes: [
    'charity',
    'cio',
    'community-group',
    'faith-group',
    'sports-or-social-club',
    'other-voluntary-organisation',
  ],
  minGrantPence: 0,
  maxGrantPence: 2_000_000,
  minDurationMonths: 12,
  maxDurationMonths: 24,
  areas: [],
  closesAt: DEADLINE,
  oneApplicationPerArea: false,
  ...overrides,
});

/** The Community Response Fund pilot: two areas at £10,000 each, one application per area. */
const pilot = (overrides: Partial<Round> = {}): Round =>
  diversion({
    eligibleOrganisationTypes: [
      'charity',
      'social-enterprise',
      'community-group',
      'town-or-parish-council',
    ],
    maxGrantPence: 1_000_000,
    minDurationMonths: 1,
    maxDurationMonths: 12,
    areas: [
      { id: WINTERTON, name: 'Winterton', budgetCapPence: 1_000_000 } as RoundArea,
      { id: BRIDLINGTON, name: 'Bridlington South', budgetCapPence: 1_000_000 } as RoundArea,
    ],
    oneApplicationPerArea: true,
    ...overrides,
  });

const answers = (overrides: Partial<ApplicationAnswers> = {}): ApplicationAnswers => ({
  projectTitle: 'Friday night football in Braunstone',
  projectSummary: 'Free coached football on Friday evenings.',
  areaId: null,
  planThemes: ['Curbing violent crime'],
  themesExplanation: 'Somewhere safe to be on Friday nights.',
  amountRequestedPence: 1_500_000,
  budgetLines: [
    { item: 'Coaches', amountPence: 1_200_000 },
    { item: 'Pitch hire', amountPence: 300_000 },
  ],
  startDate: '2023-01-09',
  durationMonths: 12,
  outcomes: 'Fewer reports of anti-social behaviour.',
  outcomeMeasures: 'Attendance registers.',
  beneficiaryAgeGroups: ['11-17'],
  beneficiaryCount: 60,
  beneficiaryDescription: 'Young people at risk.',
  declarationTrue: true,
  declarationPolicies: true,
  ...overrides,
});

const facts = (overrides: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  answers: answers(),
  organisationType: 'charity',
  submittedAt: new Date('2022-10-12T13:20:00Z'),
  duplicates: [],
  ...overrides,
});

const checkOf = (checks: EligibilityCheck[], key: EligibilityCheckKey) => {
  const found = checks.find((c) => c.key === key);
  if (!found) throw new Error(`No ${key} check`);
  return { passed: found.passed, reason: found.reason };
};
const run = (key: EligibilityCheckKey, round: Round, f: Partial<EligibilityFacts> = {}) =>
  checkOf(runEligibilityChecks(round, facts(f)), key);

describe('automatic eligibility checks', () => {
  it('runs every check for a round without areas and passes a good application', () => {
    const checks = runEligibilityChecks(diversion(), facts());
    expect(checks.map((c) => c.key)).toEqual([
      'organisation-type',
      'amount',
      'duration',
      'deadline',
      'budget',
    ]);
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    for (const c of checks) expect(c.label).not.toBe('');
  });

  it('adds the area and duplicate checks where the round has areas and says one per area', () => {
    const checks = runEligibilityChecks(
      pilot(),
      facts({
        answers: answers({
          areaId: WINTERTON,
          amountRequestedPence: 1_000_000,
          budgetLines: [{ item: 'Outreach workers', amountPence: 1_000_000 }],
        }),
      }),
    );
    expect(checks.map((c) => c.key)).toEqual([
      'organisation-type',
      'amount',
      'duration',
      'area',
      'deadline',
      'budget',
      'duplicate',
    ]);
    expect(checks.filter((c) => !c.passed)).toEqual([]);
  });

  describe('organisation type', () => {
    it('passes a type the round funds', () =>
      expect(run('organisation-type', diversion(), { organisationType: 'faith-group' })).toEqual({
        passed: true,
        reason: 'Faith group can apply to this round',
      }));

    it('fails a type the round does not fund, listing the ones it does', () =>
      expect(
        run('organisation-type', pilot(), { organisationType: 'sports-or-social-club' }),
      ).toEqual({
        passed: false,
        reason:
          'Sports or social club is not one of the types this round funds (Registered charity, Social enterprise, Community group, Town or parish council)',
      }));

    it('fails an unknown type, shown as it was stored', () =>
      expect(run('organisation-type', diversion(), { organisationType: 'toString' })).toMatchObject(
        { passed: false, reason: expect.stringMatching(/^toString is not one of/) },
      ));
  });

  describe('amount', () => {
    it('passes an amount within the limits, saying them', () =>
      expect(run('amount', diversion())).toEqual({
        passed: true,
        reason: '£15,000.00 is within the limits (£0.00 to £20,000.00)',
      }));

    it('fails an amount over the maximum', () =>
      expect(
        run('amount', diversion(), { answers: answers({ amountRequestedPence: 2_000_001 }) }),
      ).toEqual({ passed: false, reason: 'The amount cannot be more than £20,000.00' }));

    it("fails an amount over the area's cap", () =>
      expect(
        run('amount', pilot({ maxGrantPence: 2_000_000 }), {
          answers: answers({ areaId: WINTERTON, amountRequestedPence: 1_000_001 }),
        }),
      ).toEqual({
        passed: false,
        reason: 'The amount cannot be more than £10,000.00, the cap for Winterton',
      }));

    it('fails when there is no amount', () =>
      expect(
        run('amount', diversion(), { answers: answers({ amountRequestedPence: null }) }),
      ).toEqual({ passed: false, reason: 'No amount given' }));
  });

  describe('duration', () => {
    it.each([
      [12, true],
      [24, true],
      [11, false],
      [25, false],
    ])('%d months in a 12 to 24 month round: passed %s', (months, passed) =>
      expect(
        run('duration', diversion(), { answers: answers({ durationMonths: months }) }),
      ).toEqual({
        passed,
        reason: `${months} months; this round funds projects of 12 to 24 months`,
      }),
    );

    it('fails when there is no duration', () =>
      expect(run('duration', diversion(), { answers: answers({ durationMonths: null }) })).toEqual({
        passed: false,
        reason: 'No months; this round funds projects of 12 to 24 months',
      }));
  });

  describe('area', () => {
    it('passes one of the round’s areas, naming it', () =>
      expect(run('area', pilot(), { answers: answers({ areaId: BRIDLINGTON }) })).toEqual({
        passed: true,
        reason: "Bridlington South is one of the round's areas",
      }));

    it('fails when no area is chosen', () =>
      expect(run('area', pilot(), { answers: answers({ areaId: null }) })).toEqual({
        passed: false,
        reason: 'No area of this round was chosen',
      }));

    it('fails an area from another round', () =>
      expect(
        run('area', pilot(), {
          answers: answers({ areaId: 'a0000000-0000-4000-8000-000000000009' }),
        }).passed,
      ).toBe(false));
  });

  describe('deadline', () => {
    it('passes one second before the closing time, giving both times in UK time', () =>
      expect(
        run('deadline', diversion(), { submittedAt: new Date(DEADLINE.getTime() - 1000) }),
      ).toEqual({
        passed: true,
        reason: 'Submitted 24 October 2022 at 4:59pm; the deadline was 24 October 2022 at 5pm',
      }));

    it('fails at exactly the closing time', () =>
      expect(run('deadline', diversion(), { submittedAt: DEADLINE })).toEqual({
        passed: false,
        reason: 'Submitted 24 October 2022 at 5pm; the deadline was 24 October 2022 at 5pm',
      }));

    it('fails after it', () =>
      expect(
        run('deadline', diversion(), { submittedAt: new Date(DEADLINE.getTime() + 60_000) }).passed,
      ).toBe(false));
  });

  describe('budget', () => {
    it('passes lines that add up, counting them', () => {
      expect(run('budget', diversion())).toEqual({
        passed: true,
        reason: '2 budget lines add up to the amount requested',
      });
      expect(
        run('budget', diversion(), {
          answers: answers({ budgetLines: [{ item: 'Everything', amountPence: 1_500_000 }] }),
        }).reason,
      ).toBe('1 budget line adds up to the amount requested');
    });

    it('fails lines a penny out', () =>
      expect(
        run('budget', diversion(), { answers: answers({ amountRequestedPence: 1_500_001 }) }),
      ).toEqual({
        passed: false,
        reason:
          'The budget lines add up to £15,000.00 but you are asking for £15,000.01: they must be the same',
      }));

    it('fails when there are no lines', () =>
      expect(run('budget', diversion(), { answers: answers({ budgetLines: [] }) }).passed).toBe(
        false,
      ));
  });

  describe('one application per area', () => {
    it('passes when the organisation has no other application for the area', () =>
      expect(run('duplicate', pilot())).toEqual({
        passed: true,
        reason: 'No other application from this organisation for this area',
      }));

    it('fails when it has, naming the references', () =>
      expect(
        run('duplicate', pilot(), { duplicates: ['CRF-2023-PILOT-0002', 'CRF-2023-PILOT-0005'] }),
      ).toEqual({
        passed: false,
        reason:
          'The organisation has already applied for this area: CRF-2023-PILOT-0002, CRF-2023-PILOT-0005',
      }));

    it('is not run when the round allows several', () =>
      expect(
        runEligibilityChecks(
          pilot({ oneApplicationPerArea: false }),
          facts({ duplicates: ['CRF-2023-PILOT-0002'] }),
        ).map((c) => c.key),
      ).not.toContain('duplicate'));
  });
});
