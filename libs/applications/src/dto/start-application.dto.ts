import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** A new draft for one of the applicant's organisations in an open round. */
export class StartApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'An open round (GET /api/v1/rounds?status=open)' })
  @IsUUID('all', { message: 'roundId must be the id of an open round' })
  roundId: string;

  @ApiProperty({ format: 'uuid', description: 'One of your organisations' })
  @IsUUID('all', { message: 'organisationId must be the id of one of your organisations' })
  organisationId: string;
}
