import {
  funderIdentifier,
  grantIdentifier,
  plannedDates,
  poundsNumber,
  poundsText,
  recipientIdentifier,
  slugOf,
} from './three-sixty-giving';

describe('360Giving amounts', () => {
  it('writes pence as exact pounds', () => {
    expect(poundsText(0)).toBe('0.00');
    expect(poundsText(5)).toBe('0.05');
    expect(poundsText(1_500_000)).toBe('15000.00');
    expect(poundsText(10_403_033)).toBe('104030.33');
    expect(poundsText(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('gives JSON numbers that print as the exact amount', () => {
    const printed = (pence: number) => JSON.stringify(poundsNumber(pence));
    expect(printed(1)).toBe('0.01');
    expect(printed(10)).toBe('0.1');
    expect(printed(30)).toBe('0.3');
    expect(printed(1_234_567)).toBe('12345.67');
    expect(printed(10_403_033)).toBe('104030.33');
    expect(printed(4_904_900)).toBe('49049');
    expect(printed(7_011_147)).toBe('70111.47');
    expect(printed(99_999_999_999)).toBe('999999999.99');
  });

  it('refuses amounts that are not whole pence', () => {
    expect(() => poundsText(1.5)).toThrow(RangeError);
    expect(() => poundsText(-1)).toThrow(RangeError);
  });
});

describe('360Giving identifiers', () => {
  const prefix = '360G-opcc';

  it('prefixes grants with the publisher prefix', () => {
    expect(grantIdentifier(prefix, 'CSF-2022-CYP-0001')).toBe('360G-opcc-CSF-2022-CYP-0001');
  });

  it('names the funder by the owning office', () => {
    expect(
      funderIdentifier(prefix, 'Office of the Police and Crime Commissioner for Leicestershire'),
    ).toBe('360G-opcc-office-of-the-police-and-crime-commissioner-for-leicestershire');
    expect(slugOf("  Commissioner's Safety Fund (Café) ")).toBe('commissioner-s-safety-fund-cafe');
  });

  it('prefers the charity number, then the company number, then our own id', () => {
    const id = '9f0e2d5c-0000-4000-8000-000000000001';
    expect(
      recipientIdentifier(prefix, { id, charityNumber: '1123456', companyNumber: '01234567' }),
    ).toBe('GB-CHC-1123456');
    expect(
      recipientIdentifier(prefix, { id, charityNumber: 'SC012345', companyNumber: null }),
    ).toBe('GB-SC-SC012345');
    expect(recipientIdentifier(prefix, { id, charityNumber: null, companyNumber: '1234567' })).toBe(
      'GB-COH-01234567',
    );
    expect(
      recipientIdentifier(prefix, { id, charityNumber: null, companyNumber: 'SC123456' }),
    ).toBe('GB-COH-SC123456');
    expect(recipientIdentifier(prefix, { id, charityNumber: null, companyNumber: null })).toBe(
      `360G-opcc-org-${id}`,
    );
  });
});

describe('planned dates', () => {
  it('ends the day before the same date the duration later', () => {
    expect(plannedDates('2022-04-01', 12)).toEqual({
      startDate: '2022-04-01',
      endDate: '2023-03-31',
      duration: 12,
    });
    expect(plannedDates('2023-06-15', 1)).toEqual({
      startDate: '2023-06-15',
      endDate: '2023-07-14',
      duration: 1,
    });
    // Across a leap day.
    expect(plannedDates('2023-03-01', 12)?.endDate).toBe('2024-02-29');
  });

  it('is unknown without a start date or a duration', () => {
    expect(plannedDates(null, 12)).toBeNull();
    expect(plannedDates('2022-04-01', null)).toBeNull();
  });
});
