import { DecisionRecordPdf, DecisionRecordsService, DecisionRecordView } from '@grants/awards';
import { AppConfig, formatPence, formatUkDate, Public } from '@grants/core';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page } from '../../bootstrap/page-context.interceptor';
import { paragraphs } from './fund-page.controller';

/**
 * Published decision records: the list, each record's page (made to print well) and its PDF.
 * A record the decision maker has signed off but nobody has published yet is not found here.
 */
@Controller('decisions')
export class DecisionRecordPagesController {
  constructor(
    private readonly records: DecisionRecordsService,
    private readonly pdf: DecisionRecordPdf,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Page('pages/decisions/list.njk')
  async list() {
    const records = await this.records.published();
    return { records: records.map(recordSummary) };
  }

  /** Before `:number`, so that "DR-2023-001.pdf" is the PDF and not a record of that number. */
  @Get(':number.pdf')
  @Public()
  async download(@Param('number') number: string, @Res() reply: FastifyReply) {
    const record = await this.records.publishedByNumber(number);
    const pdf = await this.pdf.render(record, { officeName: this.config.OFFICE_NAME });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${record.number}.pdf"`)
      .send(pdf);
  }

  @Get(':number')
  @Public()
  @Page('pages/decisions/record.njk')
  async record(@Param('number') number: string) {
    const record = await this.records.publishedByNumber(number);
    const allocation = record.allocations.length > 0;
    // An allocation record's total is the allocations'; its awards are the projects approved since.
    const awardsTotal = allocation
      ? record.awards.reduce((t, a) => t + a.amountPence, 0)
      : record.totalAwardedPence;
    return {
      allocation,
      allocationRows: allocation
        ? [
            ...record.allocations.map((a) => [
              { text: a.organisationName },
              { text: `${a.sharePercent}%`, format: 'numeric' },
              { text: formatPence(a.amountPence), format: 'numeric' },
            ]),
            [
              { text: 'Total', classes: 'app-table__total', colspan: 2 },
              {
                text: formatPence(record.totalAwardedPence),
                format: 'numeric',
                classes: 'app-table__total',
              },
            ],
          ]
        : [],
      record: {
        ...recordSummary(record),
        roundId: record.roundId,
        roundTitle: record.roundTitle,
        fundName: record.fundName,
        signedOffByName: record.signedOffByName,
        budgetDisplay: formatPence(record.budgetPence),
        awardsCount: record.awardsCount,
        declinedCount: record.declinedCount,
        publishedOn: record.publishedAt ? formatUkDate(record.publishedAt) : null,
      },
      summaryParagraphs: paragraphs(record.summary),
      declarationParagraphs: paragraphs(record.declarations),
      awardRows: [
        ...record.awards.map((a) => [
          { text: a.reference },
          { text: a.organisationName },
          { text: a.projectTitle },
          { text: formatPence(a.amountPence), format: 'numeric' },
        ]),
        [
          { text: 'Total', classes: 'app-table__total', colspan: 3 },
          {
            text: formatPence(awardsTotal),
            format: 'numeric',
            classes: 'app-table__total',
          },
        ],
      ],
    };
  }
}

/** What the list, and the round and fund pages' links, show of a record. */
export function recordSummary(record: DecisionRecordView) {
  return {
    number: record.number,
    title: record.title,
    signedOn: formatUkDate(record.signedOffAt),
    totalDisplay: formatPence(record.totalAwardedPence),
    href: `/decisions/${encodeURIComponent(record.number)}`,
  };
}
