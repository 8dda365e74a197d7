import { formatPence, formatUkDate } from '@grants/core';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { DecisionRecordView } from './decision-records.service';

export interface DecisionRecordPdfOptions {
  /** Who publishes it ("Office of the Police and Crime Commissioner for Leicestershire"). */
  officeName?: string;
  /** Tests turn compression off to read the text back; the default is a compressed file. */
  compress?: boolean;
}

const MARGIN = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#505a5f';
const RULE = '#b1b4b6';
/** Reference, organisation, project, amount: shares of the text width. */
const COLUMNS = [0.17, 0.3, 0.35, 0.18];
const CELL_PAD = 4;

/**
 * The published decision record as a PDF, for the Police and Crime Panel and anyone who wants a
 * copy to keep: the same facts as the public page. The standard PDF fonts (no files to ship);
 * text wraps within the page, and the awards table carries on over as many pages as it needs,
 * its heading row repeated on each.
 */
@Injectable()
export class DecisionRecordPdf {
  render(record: DecisionRecordView, options: DecisionRecordPdfOptions = {}): Promise<Buffer> {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      compress: options.compress ?? true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: `${record.number}: ${record.title}`,
        Subject: `Decision record for ${record.roundTitle} (${record.fundName})`,
        Author: options.officeName ?? record.signedOffByName,
      },
    });
    const done = collect(doc);
    new RecordWriter(doc).write(record, options.officeName);
    doc.end();
    return done;
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

class RecordWriter {
  private readonly width: number;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - MARGIN * 2;
  }

  write(record: DecisionRecordView, officeName?: string): void {
    const { doc } = this;
    if (officeName) doc.font(FONT).fontSize(10).fillColor(GREY).text(officeName);
    doc.font(FONT).fontSize(11).fillColor(GREY).text(`Decision record ${record.number}`);
    doc.moveDown(0.3);
    doc.font(BOLD).fontSize(20).fillColor('black').text(record.title);
    doc.moveDown(0.6);

    this.fact('Number', record.number);
    this.fact('Date signed', formatUkDate(record.signedOffAt));
    this.fact('Signed by', record.signedOffByName);
    this.fact('Round', `${record.roundTitle} (${record.fundName})`);
    this.fact('Round budget', formatPence(record.budgetPence));
    this.fact('Total awarded', formatPence(record.totalAwardedPence));

    this.heading('Summary');
    this.paragraphs(record.summary);

    const allocation = record.allocations.length > 0;
    if (allocation) {
      this.heading(`Allocations to partners (${record.allocations.length})`);
      this.table(
        ['', 'Partner', 'Share of the pot', 'Allocation'],
        record.allocations.map((a, i) => [
          String(i + 1),
          a.organisationName,
          `${a.sharePercent}%`,
          formatPence(a.amountPence),
        ]),
        record.totalAwardedPence,
      );
      // The record's own total is the allocations'; the projects came from them since.
      this.heading(`Projects approved (${record.awards.length})`);
      if (record.awards.length === 0)
        this.paragraphs('No projects had been approved from the allocations yet.');
      else this.awardsTable(record, sumOf(record.awards));
    } else {
      this.heading(`Awards (${record.awardsCount})`);
      if (record.awards.length === 0) this.paragraphs('No grants were awarded in this round.');
      else this.awardsTable(record, record.totalAwardedPence);
    }
    if (record.declinedCount > 0)
      this.paragraphs(
        `${record.declinedCount} recommended ${record.declinedCount === 1 ? 'application was' : 'applications were'} not funded.`,
      );

    this.heading('Declarations of interest');
    this.paragraphs(record.declarations);
  }

  private fact(label: string, value: string): void {
    this.doc
      .font(BOLD)
      .fontSize(11)
      .fillColor('black')
      .text(`${label}: `, { continued: true })
      .font(FONT)
      .text(value);
  }

  private heading(text: string): void {
    const { doc } = this;
    doc.moveDown(1);
    // A heading alone at the foot of a page reads badly: start it on the next.
    if (doc.y + 60 > this.bottom()) doc.addPage();
    doc.font(BOLD).fontSize(14).fillColor('black').text(text, MARGIN);
    doc.moveDown(0.4);
  }

  /** Text as the decision maker typed it: blank lines part paragraphs, other breaks are kept. */
  private paragraphs(text: string): void {
    const { doc } = this;
    for (const paragraph of text.split(/\r?\n\s*\r?\n/)) {
      if (!paragraph.trim()) continue;
      doc.font(FONT).fontSize(11).fillColor('black').text(paragraph.trim(), MARGIN, doc.y, {
        width: this.width,
      });
      doc.moveDown(0.5);
    }
  }

  private awardsTable(record: DecisionRecordView, totalPence: number): void {
    this.table(
      ['Reference', 'Organisation', 'Project', 'Amount'],
      record.awards.map((award) => [
        award.reference,
        award.organisationName,
        award.projectTitle,
        formatPence(award.amountPence),
      ]),
      totalPence,
    );
  }

  private table(head: string[], rows: string[][], totalPence: number): void {
    this.row(head, BOLD);
    for (const cells of rows) {
      if (this.doc.y + this.rowHeight(cells, FONT) > this.bottom()) {
        this.doc.addPage();
        this.row(head, BOLD);
      }
      this.row(cells, FONT);
    }
    this.row(['Total', '', '', formatPence(totalPence)], BOLD);
    this.doc.moveDown(0.5);
  }

  private row(cells: string[], font: string): void {
    const { doc } = this;
    const top = doc.y;
    const height = this.rowHeight(cells, font);
    let x = MARGIN;
    doc.font(font).fontSize(10).fillColor('black');
    cells.forEach((cell, i) => {
      const width = this.columnWidth(i);
      doc.text(cell, x + CELL_PAD, top + CELL_PAD, {
        width: width - CELL_PAD * 2,
        align: i === cells.length - 1 ? 'right' : 'left',
      });
      x += width;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + this.width, top + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  }

  private rowHeight(cells: string[], font: string): number {
    this.doc.font(font).fontSize(10);
    const heights = cells.map((cell, i) =>
      this.doc.heightOfString(cell || ' ', { width: this.columnWidth(i) - CELL_PAD * 2 }),
    );
    return Math.max(...heights) + CELL_PAD * 2;
  }

  private columnWidth(index: number): number {
    return this.width * COLUMNS[index];
  }

  private bottom(): number {
    return this.doc.page.height - MARGIN;
  }
}

const sumOf = (awards: { amountPence: number }[]) => awards.reduce((t, a) => t + a.amountPence, 0);
