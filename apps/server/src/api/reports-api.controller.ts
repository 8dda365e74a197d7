import { OFFICE_READERS, StaffOnly } from '@grants/core';
import { RoundReport, RoundReportDto, RoundReportService } from '@grants/reports';
import { Controller, Get, Header, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ROLES } from './role-docs';

/** The report as JSON: dates as ISO strings, everything else as the service gives it. */
function reportJson(report: RoundReport): RoundReportDto {
  return {
    ...report,
    round: {
      ...report.round,
      opensAt: report.round.opensAt.toISOString(),
      closesAt: report.round.closesAt.toISOString(),
    },
    decision: report.decision
      ? {
          number: report.decision.number,
          signedOffAt: report.decision.signedOffAt.toISOString(),
          publishedAt: report.decision.publishedAt?.toISOString() ?? null,
        }
      : null,
  };
}

/** A round's report for the office: the figures the report page, its CSV and summary show. */
@ApiTags('reports (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff/rounds/:roundId/report')
export class ReportsApiController {
  constructor(private readonly reports: RoundReportService) {}

  @Get()
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'A round report: applications, scores by band, votes by area, awards and budget',
    description:
      'Counts are whole numbers and money integer pence. Applications received are those sent at least once (drafts never count); awarded are offered, accepted or closed grants. The summary is the plain-English paragraph for a Police and Crime Panel update.',
  })
  @ApiOkResponse({ type: RoundReportDto })
  @ApiNotFoundResponse({ description: 'not_found: no such round' })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async report(@Param('roundId') roundId: string): Promise<RoundReportDto> {
    return reportJson(await this.reports.report(roundId));
  }
}
