import { addRubricErrors, parseRubricForm, rubricFormRows, weightTotal } from './rubric-form';

describe('the rubric form', () => {
  const body = {
    'criteria-0-title': 'Need and evidence',
    'criteria-0-maxScore': '5',
    'criteria-0-weight': '60%',
    // Row 1 left blank: ignored.
    'criteria-2-title': 'Delivery plan',
    'criteria-2-guidance': ' Is the plan realistic? ',
    'criteria-2-maxScore': '5',
    'criteria-2-weight': '40',
  };

  it('reads the filled rows, skipping blank ones, and remembers where each came from', () => {
    const parsed = parseRubricForm(body);
    expect(parsed.input).toEqual([
      { title: 'Need and evidence', guidance: '', maxScore: 5, weight: 60 },
      { title: 'Delivery plan', guidance: 'Is the plan realistic?', maxScore: 5, weight: 40 },
    ]);
    expect(parsed.rowOf).toEqual([0, 2]);
    expect(weightTotal(parsed.rows)).toBe(100);
  });

  it("puts the service's errors on the rows as typed", () => {
    const parsed = parseRubricForm(body);
    addRubricErrors(parsed, [
      { field: 'criteria.1.title', message: 'Delivery plan is listed twice' },
      { field: 'criteria', message: 'The weights add up to 90%: they must add up to 100%' },
    ]);
    expect(parsed.errors.summary()).toEqual([
      { href: '#criteria-2-title', text: 'Delivery plan is listed twice' },
      { href: '#criteria', text: 'The weights add up to 90%: they must add up to 100%' },
    ]);
  });

  it('says which numbers it cannot read, and saves nothing', () => {
    const parsed = parseRubricForm({
      ...body,
      'criteria-0-maxScore': 'five',
      'criteria-2-weight': '',
    });
    expect(parsed.input).toBeNull();
    expect(parsed.errors.summary().map((e) => e.href)).toEqual([
      '#criteria-0-maxScore',
      '#criteria-2-weight',
    ]);
  });

  it('starts from the saved criteria and fills up with blank rows', () => {
    const rows = rubricFormRows([]);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({ title: '', guidance: '', maxScore: '', weight: '' });
  });
});
