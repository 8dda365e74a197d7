import { grantsLink, readGrantsQuery } from './grants-list-query';
import type { GrantFilterOptions } from './published-grant';

const ROUND = '7b0b6a52-3f1e-4c55-9a3e-0e0c3c7b2d11';
const options: GrantFilterOptions = {
  funds: [{ slug: 'commissioners-safety-fund', name: "Commissioner's Safety Fund" }],
  rounds: [
    { id: ROUND, title: 'Children and Young People', fundName: "Commissioner's Safety Fund" },
  ],
  years: [2023, 2022],
  areas: ['Bridlington South', 'Winterton'],
};

describe('reading the grants list query', () => {
  it('takes values the form offers', () => {
    const selection = readGrantsQuery(
      {
        fund: 'commissioners-safety-fund',
        round: ROUND,
        year: '2022',
        area: 'Winterton',
        q: '  boxing   club ',
        page: '2',
      },
      options,
    );
    expect(selection.errors).toEqual([]);
    expect(selection.filter).toEqual({
      fundSlug: 'commissioners-safety-fund',
      roundId: ROUND,
      year: 2022,
      areaName: 'Winterton',
      search: 'boxing club',
    });
    expect(selection.page).toBe(2);
  });

  it('is every grant, page 1, when nothing is asked', () => {
    expect(readGrantsQuery({}, options)).toEqual({
      filter: {},
      values: { fund: '', round: '', year: '', area: '', q: '' },
      page: 1,
      errors: [],
    });
    expect(readGrantsQuery(undefined, options).filter).toEqual({});
  });

  it('leaves out values it cannot use, each with a message on its field', () => {
    const selection = readGrantsQuery(
      {
        fund: 'no-such-fund',
        round: "1' OR 1=1 --",
        year: 'last year',
        area: 'Atlantis',
        q: 'x'.repeat(101),
        page: '-3',
      },
      options,
    );
    expect(selection.filter).toEqual({});
    expect(selection.page).toBe(1);
    expect(selection.errors.map((e) => e.field)).toEqual([
      'fund',
      'round',
      'year',
      'area',
      'q',
      'page',
    ]);
    expect(selection.values.q).toHaveLength(100);
  });

  it('takes the first of a value sent twice and ignores values that are not text', () => {
    const selection = readGrantsQuery({ year: ['2023', '2022'], q: { $ne: 1 } }, options);
    expect(selection.filter).toEqual({ year: 2023 });
    expect(selection.errors).toEqual([]);
  });

  it('accepts a year with no grants (an empty list, not an error)', () => {
    expect(readGrantsQuery({ year: '2019' }, options)).toMatchObject({
      filter: { year: 2019 },
      errors: [],
    });
  });
});

describe('links to the grants list', () => {
  it('keeps the filters that are set and the page after the first', () => {
    const values = { fund: '', round: '', year: '2022', area: 'Bridlington South', q: '' };
    expect(grantsLink(values)).toBe('/grants?year=2022&area=Bridlington+South');
    expect(grantsLink(values, 3)).toBe('/grants?year=2022&area=Bridlington+South&page=3');
    expect(grantsLink({ fund: '', round: '', year: '', area: '', q: '' })).toBe('/grants');
  });
});
