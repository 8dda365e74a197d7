import { FormErrors } from '../forms';
import { readPounds } from './pounds-field';

const words = { what: 'how much you are asking for', label: 'The amount' };

function read(text: string) {
  const errors = new FormErrors();
  return { pence: readPounds(text, 'amount', words, errors), error: errors.get('amount') };
}

describe('readPounds', () => {
  it.each([
    ['£12,500', 1_250_000],
    ['12500.5', 1_250_050],
    [' £9,999.99 ', 999_999],
  ])('reads %s exactly', (text, pence) => expect(read(text)).toEqual({ pence, error: undefined }));

  it.each([
    ['', 'Enter how much you are asking for'],
    ['-50', 'The amount must be more than £0'],
    ['£-50', 'The amount must be more than £0'],
    ['0', 'The amount must be more than £0'],
    [
      '£12,500.505',
      'The amount must be in pounds and pence, with no more than 2 decimal places, like £1,250.50',
    ],
    ['twelve thousand', 'The amount must be in pounds, like £1,250 or £1,250.50'],
    ['£99,999,999,999,999,999', 'The amount is too large: check the number of digits'],
  ])('refuses %j with a message saying why', (text, message) =>
    expect(read(text)).toEqual({ pence: null, error: message }),
  );
});
