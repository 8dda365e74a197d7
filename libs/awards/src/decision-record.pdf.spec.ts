import { describe, expect, it } from '@jest/globals';
import { DecisionRecordPdf } from './decision-record.pdf';
import type { DecisionRecordAward, DecisionRecordView } from './decision-records.service';

/**
 * The text shown on the pages of an uncompressed PDF: pdfkit writes each line as a TJ array of
 * hex strings in the standard fonts' single-byte encoding (kerning numbers between them).
 */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines = [...source.matchAll(/\[([^\]]*)\]\s*TJ/g)].map(([, array]) =>
    [...array.matchAll(/<([0-9a-fA-F]*)>/g)]
      .map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1'))
      .join(''),
  );
  return lines.join('\n');
}

function pageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type \/Page\b/g)].length;
}

function award(i: number): DecisionRecordAward {
  return {
    reference: `CSF-DIV-${String(i).padStart(4, '0')}`,
    organisationName: i === 1 ? 'Braunstone Youth Trust' : `Community Group Number ${i}`,
    projectTitle:
      i === 1
        ? 'Detached youth work on the estate'
        : `A project with a long title that has to wrap inside its table cell, number ${i}`,
    amountPence: 1_000_000 - i * 100,
  };
}

function record(awards: DecisionRecordAward[]): DecisionRecordView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    roundId: '00000000-0000-4000-8000-000000000002',
    number: 'DR-2023-004',
    title: 'Commissioner’s Safety Fund: Diversion from ASB and Crime awards',
    summary: `The Commissioner approved the panel's recommendation. ${'This sentence is long enough to wrap onto more than one line of the page. '.repeat(6)}\n\nA second paragraph.`,
    declarations: 'None',
    roundTitle: 'Diversion from ASB and Crime',
    fundName: 'Commissioner’s Safety Fund',
    budgetPence: 20_403_033,
    totalAwardedPence: awards.reduce((sum, a) => sum + a.amountPence, 0),
    awardsCount: awards.length,
    declinedCount: 2,
    // 23:30 UTC on 31 October is still 31 October in London (GMT); 23:30 UTC on 31 May is 1 June (BST).
    signedOffAt: new Date('2023-05-31T23:30:00Z'),
    signedOffByName: 'Rupert Matthews',
    publishedAt: new Date('2023-06-02T09:00:00Z'),
    awards,
    allocations: [],
  };
}

describe('DecisionRecordPdf', () => {
  const renderer = new DecisionRecordPdf();

  it('renders a PDF with the number, an organisation, the total and the UK date', async () => {
    const pdf = await renderer.render(record([award(1), award(2), award(3)]), {
      compress: false,
      officeName: 'Office of the Police and Crime Commissioner for Leicestershire',
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('DR-2023-004');
    expect(text).toContain('Braunstone Youth Trust');
    expect(text).toContain('£29,994.00');
    expect(text).toContain('1 June 2023');
    expect(text).toContain('Rupert Matthews');
    expect(text).toContain('Declarations of interest');
    expect(pageCount(pdf)).toBe(1);
  });

  it('flows a long awards table onto more pages, repeating its heading row', async () => {
    const awards = Array.from({ length: 40 }, (_, i) => award(i + 1));
    const pdf = await renderer.render(record(awards), { compress: false });
    const text = pdfText(pdf);
    expect(pageCount(pdf)).toBeGreaterThan(1);
    expect(text).toContain('CSF-DIV-0040');
    for (const a of awards) expect(text).toContain(a.reference);
    // The heading row opens the table on every page it reaches.
    expect(text.match(/^Reference$/gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it('shows an allocation record as the partners’ allocations, then the projects approved', async () => {
    const allocated = {
      ...record([award(1)]),
      totalAwardedPence: 50_000_000,
      awardsCount: 2,
      declinedCount: 0,
      allocations: [
        { organisationName: 'Hull City Council', sharePercent: '33.51', amountPence: 16_756_410 },
        {
          organisationName: 'East Riding of Yorkshire Council',
          sharePercent: '29.02',
          amountPence: 33_243_590,
        },
      ],
    };
    const text = pdfText(await renderer.render(allocated, { compress: false }));
    expect(text).toContain('Allocations to partners (2)');
    expect(text).toContain('Hull City Council');
    expect(text).toContain('£167,564.10');
    expect(text).toContain('£500,000.00');
    expect(text).toContain('Projects approved (1)');
    // The projects' own total, not the allocations'.
    expect(text).toContain('£9,999.00');
    expect(text).not.toContain('Awards (2)');
  });

  it('is compressed by default and still a whole PDF', async () => {
    const pdf = await renderer.render(record([award(1)]));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    expect(pdfText(pdf)).not.toContain('Braunstone Youth Trust');
  });
});
