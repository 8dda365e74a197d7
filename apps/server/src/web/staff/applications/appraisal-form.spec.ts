import {
  addAppraisalErrors,
  appraisalFieldFor,
  appraisalFormValues,
  parseAppraisalForm,
} from './appraisal-form';

describe('the appraisal form', () => {
  it('saves the checklist alone, whatever outcome is chosen', () => {
    const parsed = parseAppraisalForm({
      action: 'save',
      confirmed: ['Governing document seen', ' Safeguarding policy in place '],
      outcome: 'ineligible',
    });
    expect(parsed.input).toEqual({
      confirmed: ['Governing document seen', 'Safeguarding policy in place'],
    });
  });

  it('records an outcome with the reason from the box under that outcome', () => {
    const body = {
      action: 'record',
      confirmed: 'Governing document seen',
      eligibleNote: '',
      ineligibleReason: 'typed, then changed their mind',
      question: ' Please send your safeguarding policy. ',
    };
    expect(parseAppraisalForm({ ...body, outcome: 'more-information' }).input).toEqual({
      confirmed: ['Governing document seen'],
      outcome: 'more-information',
      reason: 'Please send your safeguarding policy.',
    });
    expect(parseAppraisalForm({ ...body, outcome: 'eligible' }).input).toEqual({
      confirmed: ['Governing document seen'],
      outcome: 'eligible',
    });
    // The staff-only override reason goes with eligible, and only with eligible.
    const override = { ...body, overrideReason: ' Constituted as a community group. ' };
    expect(parseAppraisalForm({ ...override, outcome: 'eligible' }).input).toEqual({
      confirmed: ['Governing document seen'],
      outcome: 'eligible',
      overrideReason: 'Constituted as a community group.',
    });
    expect(
      parseAppraisalForm({ ...override, outcome: 'more-information' }).input,
    ).not.toHaveProperty('overrideReason');
  });

  it.each([{}, { outcome: 'approved' }, { outcome: { $ne: 1 } }])(
    'asks for an outcome when none is chosen (%j)',
    (body) => {
      const parsed = parseAppraisalForm({ action: 'record', ...body });
      expect(parsed.input).toBeNull();
      expect(parsed.errors.summary()).toEqual([
        {
          href: '#outcome',
          text: 'Select the outcome: eligible, not eligible, or ask for more information',
        },
      ]);
    },
  );

  it("puts the service's errors on the field they belong to", () => {
    expect(appraisalFieldFor('confirmed', 'eligible')).toBe('confirmed');
    expect(appraisalFieldFor('reason', 'ineligible')).toBe('ineligibleReason');
    expect(appraisalFieldFor('reason', 'more-information')).toBe('question');
    expect(appraisalFieldFor('reason', 'eligible')).toBe('eligibleNote');
    expect(appraisalFieldFor('overrideReason', 'eligible')).toBe('overrideReason');
    expect(appraisalFieldFor('reason', '')).toBe('outcome');
    expect(appraisalFieldFor(undefined, 'eligible')).toBe('outcome');
    const parsed = parseAppraisalForm({ outcome: 'ineligible' });
    addAppraisalErrors(parsed, [{ field: 'reason', message: 'Enter why' }]);
    expect(parsed.errors.summary()).toEqual([{ href: '#ineligibleReason', text: 'Enter why' }]);
  });

  it('starts with the checklist as saved and no outcome', () => {
    expect(
      appraisalFormValues({ 'Governing document seen': true, 'References received': false }),
    ).toEqual({
      confirmed: ['Governing document seen'],
      outcome: '',
      eligibleNote: '',
      overrideReason: '',
      ineligibleReason: '',
      question: '',
    });
  });
});
