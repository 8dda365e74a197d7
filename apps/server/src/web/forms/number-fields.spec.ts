import { FormErrors } from './form-errors';
import { bpToPercentText, parseAmount, parsePercentBp, parseWholeNumber } from './number-fields';

const messages = { missing: 'missing', invalid: 'invalid' };

describe('form number fields', () => {
  it('reads amounts exactly, to the penny', () => {
    const errors = new FormErrors();
    expect(parseAmount('£104,030.33', 'a', messages, errors)).toBe(10_403_033);
    expect(parseAmount('100000', 'b', messages, errors)).toBe(10_000_000);
    expect(parseAmount('£0.10', 'c', messages, errors)).toBe(10);
    expect(errors.has()).toBe(false);
    expect(parseAmount('£1,00.00', 'd', messages, errors)).toBeNull();
    expect(parseAmount('', 'e', messages, errors)).toBeNull();
    expect(errors.summary()).toEqual([
      { href: '#d', text: 'invalid' },
      { href: '#e', text: 'missing' },
    ]);
  });

  it('reads whole numbers only', () => {
    const errors = new FormErrors();
    expect(parseWholeNumber('12', 'a', messages, errors)).toBe(12);
    expect(parseWholeNumber('1.5', 'b', messages, errors)).toBeNull();
    expect(parseWholeNumber('-1', 'c', messages, errors)).toBeNull();
    expect(errors.size).toBe(2);
  });

  it('reads percentages as exact hundredths of a percent', () => {
    const errors = new FormErrors();
    expect(parsePercentBp('70', 'a', messages, errors)).toBe(7000);
    expect(parsePercentBp('70%', 'a', messages, errors)).toBe(7000);
    expect(parsePercentBp('62.5', 'a', messages, errors)).toBe(6250);
    expect(parsePercentBp('0.01', 'a', messages, errors)).toBe(1);
    expect(parsePercentBp('100', 'a', messages, errors)).toBe(10000);
    expect(errors.has()).toBe(false);
    expect(parsePercentBp('100.01', 'b', messages, errors)).toBeNull();
    expect(parsePercentBp('seventy', 'c', messages, errors)).toBeNull();
    expect(parsePercentBp('62.555', 'd', messages, errors)).toBeNull();
    expect(errors.size).toBe(3);
  });

  it('shows stored percentages the way people write them', () => {
    expect(bpToPercentText(7000)).toBe('70');
    expect(bpToPercentText(6250)).toBe('62.5');
    expect(bpToPercentText(6205)).toBe('62.05');
    expect(bpToPercentText(null)).toBe('');
  });
});
