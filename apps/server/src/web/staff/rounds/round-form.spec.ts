import { DEFAULT_APPRAISAL_CHECKLIST, GrantRound } from '@grants/funds';
import {
  addServiceErrors,
  emptyRoundForm,
  formFieldFor,
  parseRoundForm,
  roundFormChoices,
  roundFormValues,
  RoundFormValues,
} from './round-form';

/** The form as a browser would post it. */
function post(values: RoundFormValues): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {
    _csrf: 'token',
    fundSlug: values.fundSlug,
    code: values.code,
    title: values.title,
    theme: values.theme,
    description: values.description,
    minGrant: values.minGrant,
    maxGrant: values.maxGrant,
    minDurationMonths: values.minDurationMonths,
    maxDurationMonths: values.maxDurationMonths,
    eligibleOrganisationTypes: values.eligibleOrganisationTypes,
    planThemes: values.planThemes,
    decisionMethod: values.decisionMethod,
    recommendThresholdPercent: values.recommendThresholdPercent,
    reserveThresholdPercent: values.reserveThresholdPercent,
    shortlistSize: values.shortlistSize,
    winnersPerArea: values.winnersPerArea,
    appraisalChecklist: values.appraisalChecklist,
  };
  // An unticked checkbox is not sent at all.
  if (values.oneApplicationPerArea) body.oneApplicationPerArea = 'yes';
  for (const name of ['opensAt', 'closesAt'] as const)
    for (const part of ['day', 'month', 'year', 'time'] as const)
      body[`${name}-${part}`] = values[name][part];
  values.contributions.forEach((c, i) => {
    body[`budgetContributions-${i}-sourceName`] = c.sourceName;
    body[`budgetContributions-${i}-amount`] = c.amount;
  });
  values.areas.forEach((a, i) => {
    body[`areas-${i}-name`] = a.name;
    body[`areas-${i}-focusIssue`] = a.focusIssue;
    body[`areas-${i}-cap`] = a.cap;
    body[`areas-${i}-shortlistSize`] = a.shortlistSize;
  });
  return body;
}

function diversionForm(): RoundFormValues {
  return {
    ...emptyRoundForm('commissioners-safety-fund'),
    code: 'div',
    title: 'Diversion from ASB and Crime',
    theme: 'Diversion',
    description: 'Activities for people aged 10 to 24.',
    opensAt: { day: '26', month: '9', year: '2022', time: '9am' },
    closesAt: { day: '24', month: '10', year: '2022', time: '5pm' },
    contributions: [
      { sourceName: "Commissioner's Safety Fund", amount: '£100,000' },
      { sourceName: '', amount: '' },
      { sourceName: 'Violence Reduction Network', amount: '£104,030.33' },
    ],
    maxGrant: '£20,000',
    minDurationMonths: '12',
    maxDurationMonths: '24',
    eligibleOrganisationTypes: ['charity', 'community-group'],
    planThemes: ['Curbing violent crime'],
    decisionMethod: 'scored',
  };
}

const FUNDS = { fundSlugs: ['commissioners-safety-fund'] };

describe('the round form', () => {
  it('reads a complete form into the service input: pence, UTC and basis points', () => {
    const parsed = parseRoundForm(post(diversionForm()), FUNDS);
    expect(parsed.errors.summary()).toEqual([]);
    expect(parsed.input).toEqual({
      code: 'DIV',
      title: 'Diversion from ASB and Crime',
      theme: 'Diversion',
      description: 'Activities for people aged 10 to 24.',
      opensAt: new Date('2022-09-26T08:00:00Z'),
      closesAt: new Date('2022-10-24T16:00:00Z'),
      budgetContributions: [
        { sourceName: "Commissioner's Safety Fund", amountPence: 10_000_000 },
        { sourceName: 'Violence Reduction Network', amountPence: 10_403_033 },
      ],
      minGrantPence: 0,
      maxGrantPence: 2_000_000,
      minDurationMonths: 12,
      maxDurationMonths: 24,
      eligibleOrganisationTypes: ['charity', 'community-group'],
      planThemes: ['Curbing violent crime'],
      areas: [],
      decisionMethod: 'scored',
      recommendThresholdBp: 7000,
      reserveThresholdBp: 6000,
      shortlistSize: null,
      winnersPerArea: null,
      appraisalChecklist: DEFAULT_APPRAISAL_CHECKLIST,
      oneApplicationPerArea: false,
    });
    // The blank middle row is skipped; the third row became contribution 1.
    expect(parsed.contributionRows).toEqual([0, 2]);
  });

  it('makes an allocation round, with no thresholds or shortlist of its own', () => {
    const values = { ...diversionForm(), decisionMethod: 'allocation', shortlistSize: 'junk' };
    const parsed = parseRoundForm(post(values), FUNDS);
    expect(parsed.errors.summary()).toEqual([]);
    expect(parsed.input).toMatchObject({
      decisionMethod: 'allocation',
      recommendThresholdBp: null,
      reserveThresholdBp: null,
      shortlistSize: null,
      winnersPerArea: null,
    });
  });

  it('ignores the answers for the decision method not chosen', () => {
    const values = {
      ...diversionForm(),
      decisionMethod: 'public-vote',
      recommendThresholdPercent: 'junk',
    };
    values.areas = [
      { name: 'Winterton', focusIssue: 'ASB in parks', cap: '£10,000', shortlistSize: '' },
    ];
    const parsed = parseRoundForm(post(values), FUNDS);
    expect(parsed.errors.summary()).toEqual([]);
    expect(parsed.input).toMatchObject({
      decisionMethod: 'public-vote',
      recommendThresholdBp: null,
      shortlistSize: 3,
      winnersPerArea: 1,
      areas: [
        {
          name: 'Winterton',
          focusIssue: 'ASB in parks',
          budgetCapPence: 1_000_000,
          shortlistSize: null,
        },
      ],
    });
  });

  it('has no input for the service while any field is wrong, and keeps what was typed', () => {
    const values = {
      ...diversionForm(),
      fundSlug: 'not-a-fund',
      maxGrant: '£20,000.001',
      decisionMethod: '',
    };
    const parsed = parseRoundForm(post(values), FUNDS);
    expect(parsed.input).toBeNull();
    expect(parsed.errors.summary()).toEqual([
      { href: '#fundSlug', text: 'Select the fund this round belongs to' },
      { href: '#maxGrant', text: 'Enter the maximum grant in pounds and pence, like £20,000' },
      { href: '#decisionMethod', text: 'Select how projects are chosen' },
    ]);
    expect(parsed.values.maxGrant).toBe('£20,000.001');
  });

  it("puts the service's errors on the form row they came from", () => {
    const parsed = parseRoundForm(post(diversionForm()), FUNDS);
    addServiceErrors(parsed, [
      {
        field: 'budgetContributions.1.amountPence',
        message: 'Each contribution must be more than £0',
      },
      { field: 'closesAt', message: 'The closing time must be after the opening time' },
      { field: 'maxGrantPence', message: 'too big' },
      { field: 'somethingNew', message: 'a rule added later' },
    ]);
    expect(parsed.errors.summary()).toEqual([
      { href: '#budgetContributions-2-amount', text: 'Each contribution must be more than £0' },
      { href: '#closesAt-day', text: 'The closing time must be after the opening time' },
      { href: '#maxGrant', text: 'too big' },
      { href: '#title', text: 'a rule added later' },
    ]);
    const rows = { contributionRows: [0], areaRows: [0, 3] };
    expect(formFieldFor('areas.1.budgetCapPence', rows)).toBe('areas-3-cap');
    expect(formFieldFor('areas.1.name', rows)).toBe('areas-3-name');
    expect(formFieldFor('areas', rows)).toBe('areas-0-name');
    expect(formFieldFor('budgetContributions', rows)).toBe('budgetContributions-0-sourceName');
    expect(formFieldFor('eligibleOrganisationTypes', rows)).toBe('eligibleOrganisationTypes');
  });

  it('shows a stored round so that saving it unchanged gives back the same round', () => {
    const round = {
      id: '2f0c7f3e-8f57-4f0e-9a55-0a4f4b7a5c11',
      fund: { slug: 'commissioners-safety-fund' },
      code: 'DIV',
      title: 'Diversion',
      theme: 'Diversion',
      description: 'Activities.',
      opensAt: new Date('2022-09-26T08:00:00Z'),
      closesAt: new Date('2022-10-24T16:00:00Z'),
      budgetContributions: [
        { sourceName: 'CSF', amountPence: 10_000_000 },
        { sourceName: 'VRN', amountPence: 10_403_033 },
        { sourceName: 'Council', amountPence: 5 },
      ],
      minGrantPence: 50_050,
      maxGrantPence: 2_000_000,
      minDurationMonths: 12,
      maxDurationMonths: 24,
      eligibleOrganisationTypes: ['charity'],
      planThemes: ['Partnerships', 'A theme from an older plan'],
      areas: [
        { name: 'Winterton', focusIssue: 'ASB', budgetCapPence: 1_000_000, shortlistSize: 2 },
      ],
      decisionMethod: 'scored',
      recommendThresholdBp: 6250,
      reserveThresholdBp: 5000,
      shortlistSize: null,
      winnersPerArea: null,
      appraisalChecklist: ['Governing document seen', 'Two references received'],
      oneApplicationPerArea: true,
    } as unknown as GrantRound;
    const values = roundFormValues(round);
    expect(values.contributions).toHaveLength(4); // every stored row, plus a blank one
    expect(values.contributions[1].amount).toBe('104,030.33');
    expect(values.closesAt).toEqual({ day: '24', month: '10', year: '2022', time: '17:00' });
    expect(values.recommendThresholdPercent).toBe('62.5');
    const parsed = parseRoundForm(post(values), {
      fundSlugs: [],
      fixedFundSlug: 'commissioners-safety-fund',
    });
    expect(parsed.errors.summary()).toEqual([]);
    expect(parsed.input).toMatchObject({
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      budgetContributions: round.budgetContributions,
      minGrantPence: 50_050,
      recommendThresholdBp: 6250,
      reserveThresholdBp: 5000,
      planThemes: round.planThemes,
      areas: [
        { name: 'Winterton', focusIssue: 'ASB', budgetCapPence: 1_000_000, shortlistSize: 2 },
      ],
      appraisalChecklist: ['Governing document seen', 'Two references received'],
      oneApplicationPerArea: true,
    });
    // A theme no longer in the plan's list is still offered, so saving does not drop it.
    expect(roundFormChoices(values).planThemes.at(-1)).toEqual({
      value: 'A theme from an older plan',
      text: 'A theme from an older plan',
      checked: true,
    });
  });

  it('reads no more than 20 rows of a repeated group', () => {
    const body = {
      ...post(diversionForm()),
      'areas-500-name': 'Far away',
      'areas-19-name': 'Row 20',
    };
    const parsed = parseRoundForm(body, FUNDS);
    expect(parsed.values.areas).toHaveLength(20);
    expect(parsed.values.areas.some((a) => a.name === 'Far away')).toBe(false);
  });

  describe('the appraisal checklist and the one-application-per-area rule', () => {
    it('offers the default checklist, one item a line, for a new round', () => {
      expect(emptyRoundForm().appraisalChecklist.split('\n')).toEqual(DEFAULT_APPRAISAL_CHECKLIST);
      expect(emptyRoundForm().oneApplicationPerArea).toBe(false);
    });

    it('reads one item a line, trimmed, without blank lines, and the tick box', () => {
      const parsed = parseRoundForm(
        post({
          ...diversionForm(),
          appraisalChecklist: '  Governing document seen \r\n\r\nSafeguarding policy in place\n  ',
          oneApplicationPerArea: true,
        }),
        FUNDS,
      );
      expect(parsed.errors.summary()).toEqual([]);
      expect(parsed.input).toMatchObject({
        appraisalChecklist: ['Governing document seen', 'Safeguarding policy in place'],
        oneApplicationPerArea: true,
      });
    });

    it('allows an empty checklist: nothing to confirm before eligible', () => {
      const parsed = parseRoundForm(post({ ...diversionForm(), appraisalChecklist: '' }), FUNDS);
      expect(parsed.input?.appraisalChecklist).toEqual([]);
    });

    it('leaves the checklist alone when a post does not have the field at all', () => {
      const body = post(diversionForm());
      delete body.appraisalChecklist;
      const parsed = parseRoundForm(body, FUNDS);
      expect(parsed.errors.summary()).toEqual([]);
      expect(parsed.input).not.toHaveProperty('appraisalChecklist');
    });

    it.each([
      [
        'more than 20 items',
        Array.from({ length: 21 }, (_, i) => `Item ${i + 1}`).join('\n'),
        'The checklist can have up to 20 items, one on each line',
      ],
      [
        'an item over 200 characters',
        `Governing document seen\n${'x'.repeat(201)}`,
        'Each checklist item must be 200 characters or fewer',
      ],
      [
        'an item twice',
        'References received\nInsurance\nreferences received',
        'Each checklist item can be listed once: "references received" is listed twice',
      ],
    ])('refuses %s, on the checklist box, keeping what was typed', (_what, text, message) => {
      const parsed = parseRoundForm(post({ ...diversionForm(), appraisalChecklist: text }), FUNDS);
      expect(parsed.input).toBeNull();
      expect(parsed.errors.summary()).toEqual([{ href: '#appraisalChecklist', text: message }]);
      expect(parsed.values.appraisalChecklist).toBe(text);
    });

    it("puts the service's checklist errors on the checklist box", () => {
      const parsed = parseRoundForm(post(diversionForm()), FUNDS);
      addServiceErrors(parsed, [{ field: 'appraisalChecklist', message: 'too many' }]);
      expect(parsed.errors.summary()).toEqual([{ href: '#appraisalChecklist', text: 'too many' }]);
    });
  });
});
