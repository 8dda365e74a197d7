import { formatUk, fromUkLocal, toUkFields } from './uk-time';

describe('UK time', () => {
  it('reads 17:00 on 24/10/2022 (summer time) as 16:00 UTC', () =>
    expect(fromUkLocal('2022-10-24', '17:00').toISOString()).toBe('2022-10-24T16:00:00.000Z'));

  it('reads a winter time as UTC', () =>
    expect(fromUkLocal('2023-01-10', '09:30').toISOString()).toBe('2023-01-10T09:30:00.000Z'));

  it('refuses the hour the clocks skip in March', () =>
    expect(() => fromUkLocal('2023-03-26', '01:30')).toThrow(/does not exist/));

  it('refuses nonsense', () => expect(() => fromUkLocal('2023-02-30', '10:00')).toThrow());

  it('shows times the GOV.UK way', () => {
    expect(formatUk(new Date('2022-10-24T16:00:00Z'))).toBe('24 October 2022 at 5pm');
    expect(formatUk(new Date('2023-03-09T00:00:00Z'))).toBe('9 March 2023 at midnight');
    expect(formatUk(new Date('2023-04-24T11:00:00Z'))).toBe('24 April 2023 at midday');
    expect(formatUk(new Date('2023-04-24T08:30:00Z'))).toBe('24 April 2023 at 9:30am');
  });

  it('gives form fields in UK time', () =>
    expect(toUkFields(new Date('2022-10-24T16:00:00Z'))).toEqual({
      date: '2022-10-24',
      time: '17:00',
    }));
});
