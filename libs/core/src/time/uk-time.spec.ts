import { formatUk, fromUkLocal, toUkFields } from './uk-time';

describe('UK time', () => {
  it('reads 17:00 on 24/10/2022 (summer time) as 16:00 UTC', () =>
    expect(fromUkLocal('2022-10-24', '17:00').toISOString()).toBe('2022-10-24T16:00:00.000Z'));

  it('reads a winter time as UTC', () =>
    expect(fromUkLocal('2023-01-10', '09:30').toISOString()).toBe('2023-01-10T09:30:00.000Z'));

  it('refuses the hour the clocks skip in March', () =>
    expect(() => fromUkLocal('2023-03-26', '01:30')).toThrow(/does not exist/));

  it('takes the first, summer-time, 01:30 on the day the clocks go back', () => {
    expect(fromUkLocal('2028-10-29', '01:30').toISOString()).toBe('2028-10-29T00:30:00.000Z');
    expect(fromUkLocal('2028-10-29', '02:30').toISOString()).toBe('2028-10-29T02:30:00.000Z');
    expect(fromUkLocal('2028-10-29', '00:30').toISOString()).toBe('2028-10-28T23:30:00.000Z');
  });

  it("gives the same answers whatever the server's own time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['Europe/London', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        expect(() => fromUkLocal('2028-03-26', '01:30')).toThrow(/does not exist/);
        expect(fromUkLocal('2028-03-12', '02:30').toISOString()).toBe('2028-03-12T02:30:00.000Z');
        expect(fromUkLocal('2028-10-29', '01:30').toISOString()).toBe('2028-10-29T00:30:00.000Z');
      }
    } finally {
      process.env.TZ = saved;
    }
  });

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
