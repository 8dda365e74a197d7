import { FormErrors } from './form-errors';
import { dateTimeValues, parseDateTime, parseTime } from './uk-date-time-field';

describe('parseTime', () => {
  it.each([
    ['17:00', '17:00'],
    ['17.00', '17:00'],
    ['5pm', '17:00'],
    ['5 PM', '17:00'],
    ['5:30pm', '17:30'],
    ['9am', '9:00'],
    ['09:05', '9:05'],
    ['12pm', '12:00'],
    ['12am', '0:00'],
    ['midday', '12:00'],
    ['midnight', '0:00'],
    ['0:00', '0:00'],
  ])('reads %s as %s', (text, expected) => expect(parseTime(text)).toBe(expected));

  it.each(['5', '25:00', '17:60', '13pm', '0am', 'teatime', '', '17:0'])('refuses %s', (text) =>
    expect(parseTime(text)).toBeNull(),
  );
});

describe('parseDateTime (UK time)', () => {
  const parse = (day: string, month: string, year: string, time: string) => {
    const errors = new FormErrors();
    const date = parseDateTime({ day, month, year, time }, 'closesAt', 'the round closes', errors);
    return { date: date?.toISOString() ?? null, errors: errors.summary() };
  };

  it('reads 17:00 on 24 October 2022 (summer time) as 16:00 UTC', () =>
    expect(parse('24', '10', '2022', '17:00')).toEqual({
      date: '2022-10-24T16:00:00.000Z',
      errors: [],
    }));

  it('reads a winter time as UTC itself', () =>
    expect(parse('9', '3', '2023', '9am').date).toBe('2023-03-09T09:00:00.000Z'));

  it('asks for a missing date, naming the missing parts, on the first missing box', () => {
    expect(parse('', '', '', '17:00').errors).toEqual([
      { href: '#closesAt-day', text: 'Enter the date the round closes' },
    ]);
    expect(parse('24', '', '', '17:00').errors).toEqual([
      { href: '#closesAt-month', text: 'The date the round closes must include a month and year' },
    ]);
  });

  it('refuses a date that does not exist', () =>
    expect(parse('31', '2', '2023', '17:00').errors).toEqual([
      {
        href: '#closesAt-day',
        text: 'The date the round closes must be a real date, like 24 10 2022',
      },
    ]));

  it('refuses a missing or unreadable time on the time box', () => {
    expect(parse('24', '10', '2022', '').errors).toEqual([
      { href: '#closesAt-time', text: 'Enter the time the round closes, like 9am or 17:00' },
    ]);
    expect(parse('24', '10', '2022', 'teatime').errors[0].href).toBe('#closesAt-time');
  });

  it('refuses the hour skipped when the clocks go forward', () => {
    const result = parse('26', '3', '2023', '1:30');
    expect(result.date).toBeNull();
    expect(result.errors[0]).toMatchObject({ href: '#closesAt-time' });
    expect(result.errors[0].text).toContain('the clocks go forward');
  });

  it('shows a stored time back in UK time', () =>
    expect(dateTimeValues(new Date('2022-10-24T16:00:00Z'))).toEqual({
      day: '24',
      month: '10',
      year: '2022',
      time: '17:00',
    }));
});
