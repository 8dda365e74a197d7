import { ApiProperty } from '@nestjs/swagger';

export class DecisionRecordAwardDto {
  @ApiProperty({ example: 'CSF-2022-DIV-0007' })
  reference: string;

  @ApiProperty({ example: 'Braunstone Youth Trust' })
  organisationName: string;

  @ApiProperty({ example: 'Friday night football in Braunstone' })
  projectTitle: string;

  @ApiProperty({ example: 1500000, description: 'Whole pence' })
  amountPence: number;
}

/** The decision record as the public, the Police and Crime Panel and the office read it. */
export class DecisionRecordDto {
  @ApiProperty({ example: 'DR-2023-001' })
  number: string;

  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ example: 'Diversion from ASB and Crime: grant awards' })
  title: string;

  @ApiProperty()
  summary: string;

  @ApiProperty({ example: 'None', description: 'Declarations of interest' })
  declarations: string;

  @ApiProperty({ example: 'Diversion from ASB and Crime' })
  roundTitle: string;

  @ApiProperty({ example: "Commissioner's Safety Fund" })
  fundName: string;

  @ApiProperty({ example: 20403033, description: "All the round's contributions, pence" })
  budgetPence: number;

  @ApiProperty({ example: 16500000, description: 'Whole pence' })
  totalAwardedPence: number;

  @ApiProperty({ example: 11 })
  awardsCount: number;

  @ApiProperty({ example: 0 })
  declinedCount: number;

  @ApiProperty({ format: 'date-time' })
  signedOffAt: string;

  @ApiProperty({ example: 'Rupert Matthews' })
  signedOffByName: string;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Null until published',
  })
  publishedAt: string | null;

  @ApiProperty({ type: [DecisionRecordAwardDto], description: 'Largest first, then by reference' })
  awards: DecisionRecordAwardDto[];
}

export class DecisionRecordListDto {
  @ApiProperty({ type: [DecisionRecordDto], description: 'Published records, newest first' })
  records: DecisionRecordDto[];
}
