import { AllocationReportService } from '@grants/allocations';
import { OFFICE_READERS, StaffOnly } from '@grants/core';
import { Controller, Get, Header, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllocationReportDto } from './allocation-report-api.dto';
import { ROLES } from './role-docs';

/** The published allocation report for the office: the same figures as its page and CSV. */
@ApiTags('allocations (projects)')
@ApiBearerAuth()
@Controller('api/v1/staff/allocation-plans')
export class AllocationReportApiController {
  constructor(private readonly reports: AllocationReportService) {}

  @Get(':planId/report')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      'Each partner: allocation with its indicator breakdown, approved projects, spend against allocation',
  })
  @ApiOkResponse({ type: AllocationReportDto })
  @ApiNotFoundResponse({ description: 'not_found: no such allocation plan' })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  @ApiConflictResponse({ description: 'allocation_not_published' })
  async report(@Param('planId') planId: string): Promise<AllocationReportDto> {
    return this.reports.report(planId);
  }
}
