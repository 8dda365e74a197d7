import { AWARD_STATUSES } from '@grants/awards';
import { ApiProperty } from '@nestjs/swagger';
import { IndicatorShareDto } from './allocations-api.dto';

export class ReportSpendDto {
  @ApiProperty({ example: 16756410, description: 'As published' }) allocationPence: number;
  @ApiProperty({ description: 'Committed to approved projects now' }) approvedPence: number;
  @ApiProperty() paidPence: number;
  @ApiProperty({ description: 'Given back to the pot' }) releasedPence: number;
  @ApiProperty({ description: 'allocation − approved − released' }) unspentPence: number;
}

export class ReportProjectDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'CRF-2324-CSP-0001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() approvedPence: number;
  @ApiProperty() paidPence: number;
  @ApiProperty({ enum: AWARD_STATUSES }) awardStatus: string;
}

export class ReportPartnerDto extends ReportSpendDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Hull City Council' }) name: string;
  @ApiProperty({ example: '33.51' }) sharePercent: string;
  @ApiProperty({ description: 'Before any minimum or maximum' }) formulaPence: number;
  @ApiProperty({ enum: ['floor', 'cap'], nullable: true }) limitedBy: 'floor' | 'cap' | null;
  @ApiProperty({ type: [IndicatorShareDto] }) indicators: IndicatorShareDto[];
  @ApiProperty({ type: [ReportProjectDto], description: 'Approved, with the grant standing' })
  projects: ReportProjectDto[];
}

export class ReportIndicatorDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
  @ApiProperty({ description: 'The indicator’s part of the pot, in pence' }) partPence: number;
}

export class AllocationReportDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundCode: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty() fundName: string;
  @ApiProperty({ example: 'DR-2023-007' }) decisionRecordNumber: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt: Date;
  @ApiProperty() potPence: number;
  @ApiProperty({ nullable: true, type: Number }) floorPence: number | null;
  @ApiProperty({ nullable: true, type: Number }) capPence: number | null;
  @ApiProperty({ type: [ReportIndicatorDto] }) indicators: ReportIndicatorDto[];
  @ApiProperty({ type: [ReportPartnerDto] }) partners: ReportPartnerDto[];
  @ApiProperty({ type: ReportSpendDto, description: 'Add up to the pot' }) totals: ReportSpendDto;
}
