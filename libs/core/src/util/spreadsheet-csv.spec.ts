import { spreadsheetCsv } from './spreadsheet-csv';

describe('spreadsheetCsv', () => {
  it('prefixes text cells a spreadsheet would run as a formula, and nothing else', () => {
    expect(spreadsheetCsv([['=SUM(A1)', '+44 1234', '-1', '@cmd', 'Plain text', -5, 'a=b']])).toBe(
      `'=SUM(A1),'+44 1234,'-1,'@cmd,Plain text,-5,a=b\n`,
    );
  });

  it('keeps the header and columns it is given', () => {
    expect(spreadsheetCsv([['x', 1]], { header: true, columns: ['Name', 'Count'] })).toBe(
      'Name,Count\nx,1\n',
    );
  });
});
