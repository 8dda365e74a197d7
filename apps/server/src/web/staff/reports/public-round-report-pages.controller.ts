import { Public } from '@grants/core';
import { RoundReportService, roundReportCsv } from '@grants/reports';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page } from '../../../bootstrap/page-context.interceptor';
import { csvFilename, UTF8_BOM } from './report-csv-file';
import { reportView } from './report-view';

/**
 * The round report for the Police and Crime Panel and the public: only once the round's decision
 * record is published (before then it is not found, as the record itself is not).
 */
@Controller('rounds/:roundId')
export class PublicRoundReportPagesController {
  constructor(private readonly reports: RoundReportService) {}

  @Get('report')
  @Public()
  @Page('staff/reports/round-report.njk')
  async report(@Param('roundId') roundId: string) {
    return reportView(await this.reports.published(roundId), { publicView: true });
  }

  @Get('report.csv')
  @Public()
  async csv(@Res() reply: FastifyReply, @Param('roundId') roundId: string) {
    const report = await this.reports.published(roundId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFilename(report)}"`)
      .send(UTF8_BOM + roundReportCsv(report));
  }
}
