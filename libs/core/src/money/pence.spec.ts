import { formatPence, parsePence, penceToInput } from './pence';

describe('parsePence', () => {
  it.each([
    ['£1,000.50', 100050],
    ['1000.5', 100050],
    ['104,030.33', 10403033],
    ['£10,000', 1000000],
    ['0.1', 10],
    ['0.29', 29],
    ['  £20000  ', 2000000],
  ])('parses %s exactly', (text, pence) => expect(parsePence(text)).toBe(pence));

  it.each(['', 'abc', '£1,00.00', '1.234', '-5', '£', '1e5', '12,34'])('refuses %j', (text) =>
    expect(() => parsePence(text)).toThrow(),
  );
});

describe('formatPence', () => {
  it('formats with separators and pence', () => {
    expect(formatPence(10403033)).toBe('£104,030.33');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(20403033)).toBe('£204,030.33');
  });
  it('round-trips through a form field', () =>
    expect(parsePence(penceToInput(7011147))).toBe(7011147));
});
