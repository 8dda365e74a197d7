import type { RoundArea } from '@grants/funds';
import {
  AnswersPatch,
  ANSWER_LIMITS,
  ApplicationAnswers,
  amountProblem,
  asksFor,
  budgetProblem,
  checkAnswers,
  sectionOfField,
  sectionState,
  submissionProblems,
} from './application-answers';

type Rules = Parameters<typeof checkAnswers>[1];

const area = (id: string, name: string, budgetCapPence: number | null) =>
  ({ id, name, focusIssue: `Focus issue in ${name}`, budgetCapPence }) as RoundArea;

const WINTERTON = 'a0000000-0000-4000-8000-000000000001';
const BRIDLINGTON = 'a0000000-0000-4000-8000-000000000002';
const ELSEWHERE = 'a0000000-0000-4000-8000-000000000003';

/** Diversion from ASB and Crime: no areas, bids up to £20,000 for 12 to 24 months. */
const diversion = (overrides: Partial<Rules> = {}): Rules => ({
  minGrantPence: 0,
  maxGrantPence: 2_000_000,
  minDurationMonths: 12,
  maxDurationMonths: 24,
  planThemes: ['Curbing violent crime', 'Partnerships'],
  areas: [],
  // 17:00 on 24/10/2022, UK summer time.
  closesAt: new Date('2022-10-24T16:00:00Z'),
  ...overrides,
});

/**
 * A Community Response Fund round with areas: Winterton capped at £10,000 under a £20,000 round
 * maximum (so the cap is what bites), Bridlington South with no cap of its own.
 */
const responseFund = (overrides: Partial<Rules> = {}): Rules => ({
  minGrantPence: 0,
  maxGrantPence: 2_000_000,
  minDurationMonths: 1,
  maxDurationMonths: 12,
  planThemes: ['Neighbourhood and community policing'],
  areas: [area(WINTERTON, 'Winterton', 1_000_000), area(BRIDLINGTON, 'Bridlington South', null)],
  // 23:59 on 24/04/2023, UK summer time.
  closesAt: new Date('2023-04-24T22:59:00Z'),
  ...overrides,
});

const nothing = (): ApplicationAnswers => ({
  projectTitle: '',
  projectSummary: '',
  areaId: null,
  planThemes: [],
  themesExplanation: '',
  amountRequestedPence: null,
  budgetLines: [],
  startDate: null,
  durationMonths: null,
  outcomes: '',
  outcomeMeasures: '',
  beneficiaryAgeGroups: [],
  beneficiaryCount: null,
  beneficiaryDescription: '',
  declarationTrue: false,
  declarationPolicies: false,
});

/** Every answer, valid for the Diversion round. */
const complete = (overrides: AnswersPatch = {}): ApplicationAnswers => ({
  projectTitle: 'Friday night football in Braunstone',
  projectSummary: 'Free coached football on Friday evenings for young people aged 10 to 17.',
  areaId: null,
  planThemes: ['Curbing violent crime'],
  themesExplanation: 'Somewhere safe to be when anti-social behaviour peaks.',
  amountRequestedPence: 1_500_000,
  budgetLines: [
    { item: 'Coaches', amountPence: 1_200_000 },
    { item: 'Pitch hire', amountPence: 300_000 },
  ],
  startDate: '2023-01-09',
  durationMonths: 12,
  outcomes: 'Fewer reports of anti-social behaviour near the park on Friday nights.',
  outcomeMeasures: 'Attendance registers and police ASB figures for the ward, quarterly.',
  beneficiaryAgeGroups: ['11-17'],
  beneficiaryCount: 60,
  beneficiaryDescription: 'Young people at risk of being drawn into crime.',
  declarationTrue: true,
  declarationPolicies: true,
  ...overrides,
});

const check = (patch: AnswersPatch, round: Rules = diversion(), isComplete = true) =>
  checkAnswers(patch, round, { complete: isComplete });
const fields = (patch: AnswersPatch, round?: Rules, isComplete?: boolean) =>
  check(patch, round, isComplete).map((e) => e.field);
const messageFor = (patch: AnswersPatch, round?: Rules) => check(patch, round)[0]?.message;

describe('the amount requested', () => {
  it('must be more than £0 and a whole number of pence', () => {
    for (const amount of [0, -100, 150.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])
      expect(amountProblem(amount, null, diversion())).toBe('The amount must be more than £0');
    expect(amountProblem(1, null, diversion())).toBeNull();
  });

  it("is refused above the round's maximum by one penny, with the maximum in the message", () => {
    expect(amountProblem(2_000_000, null, diversion())).toBeNull();
    expect(amountProblem(2_000_001, null, diversion())).toBe(
      'The amount cannot be more than £20,000.00',
    );
  });

  it("is refused below the round's minimum", () => {
    const round = diversion({ minGrantPence: 100_000 });
    expect(amountProblem(99_999, null, round)).toBe('The amount must be at least £1,000.00');
    expect(amountProblem(100_000, null, round)).toBeNull();
  });

  it("is held to the chosen area's cap, naming the area", () => {
    const round = responseFund();
    expect(amountProblem(1_000_000, WINTERTON, round)).toBeNull();
    expect(amountProblem(1_000_001, WINTERTON, round)).toBe(
      'The amount cannot be more than £10,000.00, the cap for Winterton',
    );
    // An area without a cap of its own, or no area chosen yet: the round's maximum applies.
    expect(amountProblem(1_500_000, BRIDLINGTON, round)).toBeNull();
    expect(amountProblem(1_500_000, null, round)).toBeNull();
    expect(amountProblem(2_000_001, BRIDLINGTON, round)).toBe(
      'The amount cannot be more than £20,000.00',
    );
  });

  it('does not name the area when its cap is above the round maximum', () =>
    expect(
      amountProblem(
        2_000_001,
        WINTERTON,
        responseFund({ areas: [area(WINTERTON, 'Winterton', 5_000_000)] }),
      ),
    ).toBe('The amount cannot be more than £20,000.00'));

  it('is checked against the area given with it in the same save', () => {
    expect(check({ areaId: WINTERTON, amountRequestedPence: 1_500_000 }, responseFund())).toEqual([
      {
        field: 'amountRequestedPence',
        message: 'The amount cannot be more than £10,000.00, the cap for Winterton',
      },
    ]);
    expect(check({ areaId: BRIDLINGTON, amountRequestedPence: 1_500_000 }, responseFund())).toEqual(
      [],
    );
  });
});

describe('budget lines', () => {
  it('must add up to the amount requested exactly, to the penny', () => {
    expect(budgetProblem(complete())).toBeNull();
    expect(
      budgetProblem(
        complete({
          budgetLines: [
            { item: 'Coaches', amountPence: 1_200_001 },
            { item: 'Pitch hire', amountPence: 300_000 },
          ],
        }),
      ),
    ).toBe(
      'The budget lines add up to £15,000.01 but you are asking for £15,000.00: they must be the same',
    );
    expect(budgetProblem(complete({ amountRequestedPence: 1_499_999 }))).toMatch(
      /add up to £15,000\.00 but you are asking for £14,999\.99/,
    );
  });

  it('adds pence without floating point error (10p + 20p is 30p)', () =>
    expect(
      budgetProblem({
        amountRequestedPence: 30,
        budgetLines: [
          { item: 'Stamps', amountPence: 10 },
          { item: 'Envelopes', amountPence: 20 },
        ],
      }),
    ).toBeNull());

  it('has nothing to compare until there is an amount and a line', () => {
    expect(budgetProblem({ amountRequestedPence: null, budgetLines: complete().budgetLines })).toBe(
      null,
    );
    expect(budgetProblem({ amountRequestedPence: 1_500_000, budgetLines: [] })).toBeNull();
  });

  it('names the line and the part of it that is wrong', () =>
    expect(
      check({
        budgetLines: [
          { item: '  ', amountPence: 100 },
          { item: 'Pitch hire', amountPence: 0 },
          { item: 'x'.repeat(ANSWER_LIMITS.budgetItem + 1), amountPence: 12.5 },
        ],
      }),
    ).toEqual([
      { field: 'budgetLines.0.item', message: 'Enter what budget line 1 is for' },
      {
        field: 'budgetLines.1.amountPence',
        message: 'The amount for budget line 2 must be more than £0',
      },
      {
        field: 'budgetLines.2.item',
        message: `Budget line 3 must be ${ANSWER_LIMITS.budgetItem} characters or fewer`,
      },
      {
        field: 'budgetLines.2.amountPence',
        message: 'The amount for budget line 3 must be more than £0',
      },
    ]));

  it(`allows up to ${ANSWER_LIMITS.budgetLines} lines`, () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ item: `Item ${i + 1}`, amountPence: 100 }));
    expect(fields({ budgetLines: lines(ANSWER_LIMITS.budgetLines) })).toEqual([]);
    expect(fields({ budgetLines: lines(ANSWER_LIMITS.budgetLines + 1) })).toEqual(['budgetLines']);
  });

  it('a mismatch stops submission, on the budget lines', () => {
    const problems = submissionProblems(complete({ amountRequestedPence: 1_400_000 }), diversion());
    expect(problems).toEqual([
      {
        field: 'budgetLines',
        message:
          'The budget lines add up to £15,000.00 but you are asking for £14,000.00: they must be the same',
      },
    ]);
  });
});

describe('the start date', () => {
  it('may not be before the day the round closes (UK date)', () => {
    expect(messageFor({ startDate: '2022-10-23' })).toBe(
      'The project cannot start before the round closes on 24 October 2022',
    );
    expect(fields({ startDate: '2022-10-24' })).toEqual([]);
  });

  it('takes the closing day in UK time: 00:30 BST on 1 July is 1 July', () => {
    const round = diversion({ closesAt: new Date('2023-06-30T23:30:00Z') });
    expect(fields({ startDate: '2023-06-30' }, round)).toEqual(['startDate']);
    expect(fields({ startDate: '2023-07-01' }, round)).toEqual([]);
  });

  it('must be within 12 months of the round closing', () => {
    expect(fields({ startDate: '2023-10-24' })).toEqual([]);
    expect(messageFor({ startDate: '2023-10-25' })).toBe(
      'The project must start within 12 months of the round closing (by 24 October 2023)',
    );
  });

  it.each([
    '2023-02-30',
    '2022-13-01',
    '2022-11-31',
    '2023-02-29',
    '24/10/2022',
    '2022-1-9',
    'soon',
  ])('refuses %j, which is not a real date', (startDate) =>
    expect(check({ startDate })).toEqual([
      { field: 'startDate', message: 'The start date must be a real date' },
    ]),
  );

  it('accepts 29 February in a leap year', () =>
    expect(
      fields(
        { startDate: '2024-02-29' },
        diversion({ closesAt: new Date('2024-01-31T17:00:00Z') }),
      ),
    ).toEqual([]));
});

describe('the length of the project', () => {
  it.each([
    [11, false],
    [12, true],
    [24, true],
    [25, false],
    [12.5, false],
  ])('%d months in a 12 to 24 month round: allowed %s', (months, allowed) =>
    expect(check({ durationMonths: months })).toEqual(
      allowed
        ? []
        : [
            {
              field: 'durationMonths',
              message: 'The project must run for between 12 and 24 months',
            },
          ],
    ),
  );

  it('says the one length when the round allows only one', () =>
    expect(
      messageFor(
        { durationMonths: 6 },
        diversion({ minDurationMonths: 12, maxDurationMonths: 12 }),
      ),
    ).toBe('Projects in this round run for 12 months'));
});

describe('themes and areas', () => {
  it('refuses a theme the round does not list, naming it', () => {
    expect(check({ planThemes: ['Curbing violent crime', 'Rural policing'] })).toEqual([
      { field: 'planThemes', message: 'Select themes from the list (not Rural policing)' },
    ]);
    expect(fields({ planThemes: ['Partnerships', 'Curbing violent crime'] })).toEqual([]);
  });

  it('refuses an area that is not one of the round’s', () => {
    expect(check({ areaId: ELSEWHERE }, responseFund())).toEqual([
      { field: 'areaId', message: 'Select one of the areas this round funds' },
    ]);
    expect(fields({ areaId: WINTERTON }, responseFund())).toEqual([]);
  });

  it('does not ask for an area, or themes, the round does not have', () => {
    expect(asksFor(diversion(), 'areaId')).toBe(false);
    expect(asksFor(responseFund(), 'areaId')).toBe(true);
    const noThemes = diversion({ planThemes: [] });
    expect(asksFor(noThemes, 'planThemes')).toBe(false);
    expect(asksFor(noThemes, 'themesExplanation')).toBe(false);
    // An area round asks how the project meets the area's focus issue.
    expect(asksFor(responseFund({ planThemes: [] }), 'themesExplanation')).toBe(true);
    // Answers to questions not asked are refused (an area id would point into another round);
    // blank ones, as a form sends, are fine.
    expect(check({ areaId: ELSEWHERE, planThemes: ['Anything'] }, noThemes)).toEqual([
      { field: 'areaId', message: 'This round does not fund projects by area: leave the area out' },
      {
        field: 'planThemes',
        message: 'This round has no themes to choose from: leave the themes out',
      },
    ]);
    expect(check({ areaId: null, planThemes: [], themesExplanation: '' }, noThemes)).toEqual([]);
  });
});

describe('text and numbers', () => {
  it('refuses over-long text at one past the limit', () => {
    expect(fields({ projectTitle: 't'.repeat(ANSWER_LIMITS.projectTitle) })).toEqual([]);
    expect(check({ projectTitle: 't'.repeat(ANSWER_LIMITS.projectTitle + 1) })).toEqual([
      {
        field: 'projectTitle',
        message: `The project title must be ${ANSWER_LIMITS.projectTitle} characters or fewer`,
      },
    ]);
    expect(fields({ projectSummary: 's'.repeat(ANSWER_LIMITS.projectSummary + 1) })).toEqual([
      'projectSummary',
    ]);
    expect(fields({ outcomes: 'o'.repeat(ANSWER_LIMITS.outcomes + 1) })).toEqual(['outcomes']);
  });

  it('refuses control characters but keeps line breaks and tabs', () => {
    expect(check({ projectTitle: 'Football\u0007 nights' })).toEqual([
      { field: 'projectTitle', message: 'The project title must not contain control characters' },
    ]);
    expect(fields({ outcomeMeasures: 'Registers\u0000' })).toEqual(['outcomeMeasures']);
    expect(fields({ projectSummary: 'Line one\r\nLine two\tand a tab' })).toEqual([]);
  });

  it('refuses unknown age groups and counts outside 1 to 1,000,000', () => {
    expect(fields({ beneficiaryAgeGroups: ['11-17', 'teenagers'] })).toEqual([
      'beneficiaryAgeGroups',
    ]);
    expect(fields({ beneficiaryAgeGroups: ['toString'] })).toEqual(['beneficiaryAgeGroups']);
    for (const count of [0, -5, 2.5, 1_000_001])
      expect(fields({ beneficiaryCount: count })).toEqual(['beneficiaryCount']);
    expect(fields({ beneficiaryCount: 1_000_000 })).toEqual([]);
  });
});

describe('complete and partial saves', () => {
  it('a complete save (Save and continue) must fill in each answer it sends', () => {
    expect(check({ projectTitle: '  ', declarationTrue: false, budgetLines: [] })).toEqual([
      { field: 'projectTitle', message: 'Enter a title for the project' },
      { field: 'declarationTrue', message: 'Confirm the information you have given is true' },
      { field: 'budgetLines', message: 'Add at least one budget line' },
    ]);
  });

  it('a partial save lets a blank clear the answer, but still checks what is filled in', () => {
    expect(
      check({ projectTitle: '', amountRequestedPence: null, startDate: null }, diversion(), false),
    ).toEqual([]);
    expect(fields({ projectTitle: '', durationMonths: 30 }, diversion(), false)).toEqual([
      'durationMonths',
    ]);
  });

  it('checks only the answers sent', () =>
    expect(check({ projectTitle: 'Friday night football' })).toEqual([]));

  it('submission needs every answer the round asks for', () => {
    expect(submissionProblems(complete(), diversion())).toEqual([]);
    expect(
      submissionProblems(nothing(), diversion())
        .map((e) => e.field)
        .sort(),
    ).toEqual(
      [
        'projectTitle',
        'projectSummary',
        'planThemes',
        'themesExplanation',
        'amountRequestedPence',
        'budgetLines',
        'startDate',
        'durationMonths',
        'outcomes',
        'outcomeMeasures',
        'beneficiaryAgeGroups',
        'beneficiaryCount',
        'beneficiaryDescription',
        'declarationTrue',
        'declarationPolicies',
      ].sort(),
    );
    // A round with areas also needs the area.
    expect(
      submissionProblems(
        complete({ planThemes: ['Neighbourhood and community policing'], startDate: '2023-05-01' }),
        responseFund(),
      ),
    ).toEqual([{ field: 'areaId', message: 'Select the area the project will work in' }]);
  });
});

describe('task list sections', () => {
  it('are not started when nothing is filled in', () => {
    for (const section of [
      'project',
      'funding',
      'dates',
      'outcomes',
      'beneficiaries',
      'declarations',
    ] as const)
      expect(sectionState(section, nothing(), diversion())).toBe('not-started');
  });

  it('are in progress when some answers are missing', () => {
    const answers = { ...nothing(), projectTitle: 'Friday night football', declarationTrue: true };
    expect(sectionState('project', answers, diversion())).toBe('in-progress');
    expect(sectionState('declarations', answers, diversion())).toBe('in-progress');
    expect(sectionState('dates', { ...nothing(), durationMonths: 12 }, diversion())).toBe(
      'in-progress',
    );
  });

  it('are in progress when an answer breaks a rule', () =>
    expect(sectionState('dates', complete({ startDate: '2022-10-01' }), diversion())).toBe(
      'in-progress',
    ));

  it('are completed when every answer is there and valid', () => {
    for (const section of [
      'project',
      'funding',
      'dates',
      'outcomes',
      'beneficiaries',
      'declarations',
    ] as const)
      expect(sectionState(section, complete(), diversion())).toBe('completed');
  });

  it('funding stays in progress while the budget does not add up', () =>
    expect(
      sectionState('funding', complete({ amountRequestedPence: 1_499_999 }), diversion()),
    ).toBe('in-progress'));

  it("funding follows the chosen area's cap", () => {
    const answers = complete({
      areaId: WINTERTON,
      planThemes: ['Neighbourhood and community policing'],
      amountRequestedPence: 1_500_000,
    });
    expect(sectionState('funding', answers, responseFund())).toBe('in-progress');
    expect(sectionState('funding', { ...answers, areaId: BRIDLINGTON }, responseFund())).toBe(
      'completed',
    );
  });

  it('the project section needs the area only where the round has areas', () => {
    expect(sectionState('project', complete({ areaId: null }), diversion())).toBe('completed');
    expect(
      sectionState(
        'project',
        complete({ areaId: null, planThemes: ['Neighbourhood and community policing'] }),
        responseFund(),
      ),
    ).toBe('in-progress');
  });

  it('maps an error field to the section holding it', () => {
    expect(sectionOfField('budgetLines.2.amountPence')).toBe('funding');
    expect(sectionOfField('startDate')).toBe('dates');
    expect(sectionOfField('declarationPolicies')).toBe('declarations');
    expect(sectionOfField('beneficiaryCount')).toBe('beneficiaries');
    expect(sectionOfField('somethingElse')).toBe('project');
  });
});
