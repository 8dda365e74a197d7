import { readIndicatorCsv } from './indicator-csv';
import { checkValueRows, type KnownIndicator, type KnownPartner } from './value-rows';

const PARTNERS: KnownPartner[] = [
  { id: 'p1', organisationId: '0b0c6f8e-6d7a-4a36-9d7e-1a2b3c4d5e61', name: 'Hull City Council' },
  {
    id: 'p2',
    organisationId: '0b0c6f8e-6d7a-4a36-9d7e-1a2b3c4d5e62',
    name: 'East Riding of Yorkshire Council',
  },
];
const INDICATORS: KnownIndicator[] = [
  { id: 'i1', key: 'population', label: 'Population' },
  { id: 'i2', key: 'crime', label: 'Total recorded crime' },
];

/** Read then check, as the import does. */
function importText(text: string) {
  const read = readIndicatorCsv(text);
  if (!read.ok) return { rows: [], errors: read.errors };
  return checkValueRows(read.rows, PARTNERS, INDICATORS);
}

const GOOD = [
  'Partner,Indicator,Value,Source,Period',
  'Hull City Council,population,267000,ONS mid-2021 estimates,2021',
  'hull city council,Total recorded crime,"30,000",Humberside Police,2022-23',
  'East Riding of Yorkshire Council,POPULATION,342000,ONS mid-2021 estimates,2021',
  '0b0c6f8e-6d7a-4a36-9d7e-1a2b3c4d5e62,crime,18000.5,Humberside Police,2022-23',
].join('\n');

describe('indicator CSV import', () => {
  it('reads a good file, matching partners and indicators by name, key, label or id', () => {
    expect(importText(GOOD)).toEqual({
      errors: [],
      rows: [
        {
          partnerId: 'p1',
          indicatorId: 'i1',
          value: '267000',
          source: 'ONS mid-2021 estimates',
          period: '2021',
        },
        {
          partnerId: 'p1',
          indicatorId: 'i2',
          value: '30000',
          source: 'Humberside Police',
          period: '2022-23',
        },
        {
          partnerId: 'p2',
          indicatorId: 'i1',
          value: '342000',
          source: 'ONS mid-2021 estimates',
          period: '2021',
        },
        {
          partnerId: 'p2',
          indicatorId: 'i2',
          value: '18000.5',
          source: 'Humberside Police',
          period: '2022-23',
        },
      ],
    });
  });

  it("takes Excel's byte order mark, CRLF line ends, column order and case as they come", () => {
    const excel =
      '\uFEFFPERIOD,Value,Partner,Indicator,Source,Notes\r\n' +
      '2021,267000,Hull City Council,population,ONS,checked\r\n' +
      '2021,342000,East Riding of Yorkshire Council,population,ONS,\r\n';
    expect(importText(excel)).toEqual({
      errors: [],
      rows: [
        { partnerId: 'p1', indicatorId: 'i1', value: '267000', source: 'ONS', period: '2021' },
        { partnerId: 'p2', indicatorId: 'i1', value: '342000', source: 'ONS', period: '2021' },
      ],
    });
  });

  it('reports every bad row with its spreadsheet row number and imports none', () => {
    const text = [
      'partner,indicator,value,source,period', // row 1
      'Hull City Council,population,267000,ONS,2021', // row 2: good
      'Grimsby Town Council,population,1000,ONS,2021', // row 3: unknown partner
      'Hull City Council,knife crime,12,Police,2022-23', // row 4: unknown indicator
      'East Riding of Yorkshire Council,population,,ONS,2021', // row 5: missing value
      '', // row 6: blank, still counted
      'East Riding of Yorkshire Council,crime,-5,Police,2022-23', // row 7: negative
      'East Riding of Yorkshire Council,crime,lots,Police,2022-23', // row 8: not a number, and row 7's pair again
      'Hull City Council,POPULATION,267001,ONS,2021', // row 9: duplicates row 2
      'Hull City Council,crime,30000,,', // row 10: no source, no period
    ].join('\r\n');
    const { rows, errors } = importText(text);
    expect(errors).toEqual([
      {
        row: 3,
        column: 'partner',
        message: '“Grimsby Town Council” is not a partner in this plan',
      },
      { row: 4, column: 'indicator', message: '“knife crime” is not an indicator in this plan' },
      { row: 5, column: 'value', message: 'Enter the value' },
      { row: 7, column: 'value', message: 'The value must be 0 or more' },
      { row: 8, column: 'value', message: '“lots” is not a number, like 325000 or 23.4' },
      {
        row: 8,
        column: 'indicator',
        message:
          'East Riding of Yorkshire Council already has a Total recorded crime value (row 7): give each partner one value per indicator',
      },
      {
        row: 9,
        column: 'indicator',
        message:
          'Hull City Council already has a Population value (row 2): give each partner one value per indicator',
      },
      {
        row: 10,
        column: 'source',
        message: 'Enter where the figure comes from, like ONS mid-year estimates',
      },
      { row: 10, column: 'period', message: 'Enter the period the figure covers, like 2022-23' },
    ]);
    // The service imports only when there are no errors; the good row is not singled out.
    expect(rows).toHaveLength(1);
  });

  it('counts a cell over two lines as one row', () => {
    const text =
      'partner,indicator,value,source,period\n' +
      'Hull City Council,population,267000,"ONS\nmid-2021",2021\n' +
      'Nowhere,population,1,ONS,2021\n';
    expect(importText(text).errors.map((e) => e.row)).toEqual([3]);
  });

  it('refuses a file without the header row, an empty file and one with no values', () => {
    expect(importText('Hull City Council,population,267000,ONS,2021\n').errors).toEqual([
      {
        row: 1,
        column: 'partner',
        message:
          'The first row must name the columns partner, indicator, value, source, period (missing: partner, indicator, value, source, period)',
      },
    ]);
    expect(importText('partner,indicator,value\n').errors[0]).toMatchObject({
      row: 1,
      message: expect.stringContaining('(missing: source, period)'),
    });
    expect(importText('').errors[0].message).toMatch(/^The file is empty/);
    expect(importText('partner,indicator,value,source,period\r\n\r\n').errors).toEqual([
      { row: 2, column: 'partner', message: 'The file has no rows of values' },
    ]);
  });

  it('refuses a file that is not CSV, saying where', () => {
    const { errors } = importText(
      'partner,indicator,value,source,period\nHull,"pop"x,1,ONS,2021\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].row).toBe(2);
    expect(errors[0].message).toMatch(/^The file could not be read as CSV at line 2/);
  });
});
