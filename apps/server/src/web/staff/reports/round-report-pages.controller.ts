import { StaffOnly } from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import { RoundReportService, roundReportCsv } from '@grants/reports';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { REPORT_READERS } from './report-roles';
import { reportView } from './report-view';
import { csvFilename, UTF8_BOM } from './report-csv-file';

/** A round's report for the office: the figures, the summary, the charts, and as CSV. */
@Controller('staff/rounds/:roundId')
@UseFilters(PageAccessFilter)
export class RoundReportPagesController {
  constructor(private readonly reports: RoundReportService) {}

  @Get('report')
  @StaffOnly(...REPORT_READERS)
  async report(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const report = await this.reports.report(roundId);
    return renderPage(request, reply, 'staff/reports/round-report.njk', {
      ...reportView(report, { publicView: false }),
      activeNav: 'staff-reports',
    });
  }

  @Get('report.csv')
  @StaffOnly(...REPORT_READERS)
  async csv(@Res() reply: FastifyReply, @Param('roundId') roundId: string) {
    const report = await this.reports.report(roundId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFilename(report)}"`)
      .header('cache-control', 'no-store')
      .send(UTF8_BOM + roundReportCsv(report));
  }
}
