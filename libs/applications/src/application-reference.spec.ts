import { applicationReference } from './application-reference';

describe('application references', () => {
  it('joins fund code, year the round opened, round code and a 4-digit number', () =>
    expect(applicationReference('CSF', new Date('2022-09-26T08:00:00Z'), 'DIV', 7)).toBe(
      'CSF-2022-DIV-0007',
    ));

  it.each([
    [1, '0001'],
    [34, '0034'],
    [999, '0999'],
    [1000, '1000'],
    [12345, '12345'],
  ])('numbers %d as %s (padded, never cut short)', (sequence, expected) =>
    expect(applicationReference('CRF', new Date('2023-03-09T09:00:00Z'), 'PILOT', sequence)).toBe(
      `CRF-2023-PILOT-${expected}`,
    ),
  );

  // New Year falls in GMT, so the UK year is the UTC year; these pin the behaviour near the
  // boundaries, where a server running in another zone (Paris, Tokyo, New York) would differ.
  it('a round opening 23:30 UTC on 31 December 2022 is a 2022 round (2023 in Paris)', () =>
    expect(applicationReference('CSF', new Date('2022-12-31T23:30:00Z'), 'GEN', 1)).toBe(
      'CSF-2022-GEN-0001',
    ));

  it('a round opening 00:30 UTC on 1 January 2023 is a 2023 round (2022 in New York)', () =>
    expect(applicationReference('CSF', new Date('2023-01-01T00:30:00Z'), 'GEN', 1)).toBe(
      'CSF-2023-GEN-0001',
    ));

  it('a round opening 23:30 UTC on 30 June 2023 (00:30 BST on 1 July) is a 2023 round', () =>
    expect(applicationReference('CSF', new Date('2023-06-30T23:30:00Z'), 'CYP', 3)).toBe(
      'CSF-2023-CYP-0003',
    ));
});
