import { ApiProperty } from '@nestjs/swagger';

/* The round report in the JSON API: counts are whole numbers, money integer pence, times ISO UTC. */

export class ReportRoundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Diversion from ASB and Crime' }) title: string;
  @ApiProperty({ example: 'DIV' }) code: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ example: "Commissioner's Safety Fund" }) fundName: string;
  @ApiProperty({ enum: ['draft', 'scheduled', 'open', 'closed'] }) status: string;
  @ApiProperty({ enum: ['scored', 'public-vote', 'allocation'] }) decisionMethod: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
}

export class ReportApplicationsDto {
  @ApiProperty({ description: 'Sent at least once; drafts never count', example: 34 })
  received: number;
  @ApiProperty({ description: 'Appraised eligible (and whatever followed)' }) eligible: number;
  @ApiProperty() ineligible: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty({ description: 'Received, not yet appraised or withdrawn' })
  awaitingAppraisal: number;
}

export class ScoreBandsDto {
  @ApiProperty({ description: 'At or above the recommend threshold', example: 11 })
  recommend: number;
  @ApiProperty({
    description: 'From the reserve threshold to under the recommend one',
    example: 10,
  })
  reserve: number;
  @ApiProperty({ name: 'not-recommended', description: 'Under the reserve threshold', example: 13 })
  'not-recommended': number;
}

export class ScoreBucketDto {
  @ApiProperty({ example: 60 }) fromPercent: number;
  @ApiProperty({ example: 70, description: 'Exclusive, except 100' }) toPercent: number;
  @ApiProperty() count: number;
}

export class ReportScoresDto {
  @ApiProperty({ example: 7000, description: 'Hundredths of a percent' })
  recommendThresholdBp: number;
  @ApiProperty({ example: 6000 }) reserveThresholdBp: number;
  @ApiProperty() scored: number;
  @ApiProperty({ description: 'Eligible without a submitted assessment' }) unscored: number;
  @ApiProperty({ type: ScoreBandsDto }) bands: ScoreBandsDto;
  @ApiProperty({ type: [ScoreBucketDto], description: 'Ten bands of 10 points' })
  distribution: ScoreBucketDto[];
}

export class ReportAreaDto {
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ example: 'Winterton' }) name: string;
  @ApiProperty() received: number;
  @ApiProperty() shortlisted: number;
  @ApiProperty({ nullable: true, type: String, example: 'published' }) ballotStatus: string | null;
  @ApiProperty({ description: 'Counted, non-void votes' }) votes: number;
  @ApiProperty() voided: number;
}

export class MoneyCountDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Integer pence' }) amountPence: number;
}

export class ReportAwardsDto {
  @ApiProperty({ type: MoneyCountDto, description: 'Offered, accepted or closed' })
  awarded: MoneyCountDto;
  @ApiProperty({ type: MoneyCountDto }) declined: MoneyCountDto;
  @ApiProperty({ type: MoneyCountDto }) expired: MoneyCountDto;
}

export class ContributionDto {
  @ApiProperty({ example: 'Violence Reduction Network' }) sourceName: string;
  @ApiProperty({ example: 10403033 }) amountPence: number;
}

export class ReportBudgetDto {
  @ApiProperty({ type: [ContributionDto] }) contributions: ContributionDto[];
  @ApiProperty({ example: 20403033 }) budgetPence: number;
  @ApiProperty({ description: 'Approved and awarded' }) committedPence: number;
  @ApiProperty() availablePence: number;
}

export class ReportDecisionDto {
  @ApiProperty({ example: 'DR-2022-001' }) number: string;
  @ApiProperty({ format: 'date-time' }) signedOffAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
}

export class RoundReportDto {
  @ApiProperty({ type: ReportRoundDto }) round: ReportRoundDto;
  @ApiProperty({ type: ReportApplicationsDto }) applications: ReportApplicationsDto;
  @ApiProperty({ type: ReportScoresDto, nullable: true, description: 'Scored rounds only' })
  scores: ReportScoresDto | null;
  @ApiProperty({ type: [ReportAreaDto] }) areas: ReportAreaDto[];
  @ApiProperty({ type: ReportAwardsDto }) awards: ReportAwardsDto;
  @ApiProperty({ type: ReportBudgetDto }) budget: ReportBudgetDto;
  @ApiProperty({ type: ReportDecisionDto, nullable: true, description: 'Null before sign-off' })
  decision: ReportDecisionDto | null;
  @ApiProperty({
    description: 'The plain-English paragraph for a Police and Crime Panel update',
    example:
      '34 applications were submitted to the Diversion from ASB and Crime round, which closed on 24 October 2022. 11 scored 70% or higher, ...',
  })
  summary: string;
}
