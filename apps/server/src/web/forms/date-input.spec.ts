import { FormErrors } from './form-errors';
import { parseDateInput, requiredDate } from './date-input';

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('parseDateInput', () => {
  it('reads a real date, and nothing from three empty boxes', () => {
    expect(parseDateInput(parts('29', '2', '2028'), 'end', 'it ends', '1 4 2026')).toEqual({
      kind: 'date',
      date: '2028-02-29',
    });
    expect(parseDateInput(parts('', '', ''), 'end', 'it ends', '1 4 2026')).toEqual({
      kind: 'empty',
    });
  });

  it('names the missing boxes on the first of them', () => {
    expect(parseDateInput(parts('3', '', ''), 'end', 'it ends', '1 4 2026')).toEqual({
      kind: 'error',
      fieldId: 'end-month',
      message: 'The date it ends must include a month and year',
    });
  });

  it('refuses dates that do not exist and numbers in the wrong shape', () => {
    for (const [d, m, y] of [
      ['29', '2', '2027'],
      ['31', '4', '2026'],
      ['1', '13', '2026'],
      ['1', '1', '26'],
      ['1.5', '1', '2026'],
    ])
      expect(parseDateInput(parts(d, m, y), 'end', 'it ends', '1 4 2026')).toEqual({
        kind: 'error',
        fieldId: 'end-day',
        message: 'The date it ends must be a real date, like 1 4 2026',
      });
  });
});

describe('requiredDate', () => {
  it('asks for a date when the boxes are empty', () => {
    const errors = new FormErrors();
    expect(
      requiredDate(parts('', '', ''), 'paidOn', 'the payment was made', '27 3 2023', errors),
    ).toBeNull();
    expect(errors.has('paidOn-day')).toBe(true);
  });
});
