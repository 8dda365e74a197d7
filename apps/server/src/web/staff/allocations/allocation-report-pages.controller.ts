import {
  AllocationReportService,
  allocationReportCsv,
  AllocationsService,
} from '@grants/allocations';
import { StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage, seeOther } from '../../forms';
import { UTF8_BOM } from '../reports/report-csv-file';
import { ALLOCATION_READERS } from './allocation-roles';
import { allocationPath, roundAndPlan, roundHeading } from './allocation-round';
import { reportPage } from './allocation-report-view';

/**
 * The published allocation's report for the office: each partner's allocation and how the
 * formula made it, its approved projects and its spend against the allocation; as CSV too.
 * Before publication there is nothing to report, so the plan page is where it sends you.
 */
@Controller('staff/rounds/:roundId/allocation')
@UseFilters(PageAccessFilter)
export class AllocationReportPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
    private readonly reports: AllocationReportService,
  ) {}

  @Get('report')
  @StaffOnly(...ALLOCATION_READERS)
  async report(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'published') return seeOther(reply, allocationPath(round));
    const report = await this.reports.report(plan.id);
    return renderPage(request, reply, 'staff/allocations/report.njk', {
      round: roundHeading(round),
      report: reportPage(report),
      csvHref: `${allocationPath(round, 'report.csv')}`,
      activeNav: 'staff-rounds',
    });
  }

  @Get('report.csv')
  @StaffOnly(...ALLOCATION_READERS)
  async csv(@Res() reply: FastifyReply, @Param('roundId') roundId: string) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'published') return seeOther(reply, allocationPath(round));
    const report = await this.reports.report(plan.id);
    const code = report.roundCode.replace(/[^A-Za-z0-9-]/g, '');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${code ? `${code}-` : ''}allocation-report.csv"`,
      )
      .header('cache-control', 'no-store')
      .send(UTF8_BOM + allocationReportCsv(report));
  }
}
