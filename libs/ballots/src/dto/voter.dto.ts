import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/*
 * What a resident sends and gets back while proving their email and voting. The domain checks
 * and normalises the values (email, postcode, code); these only make sure each is text.
 */

export class RequestVoterCodeDto {
  @ApiProperty({ example: 'sam@example.org', maxLength: 254 })
  @MaxLength(254, { message: 'Enter an email address like name@example.org' })
  @IsString({ message: 'Enter an email address like name@example.org' })
  email: string;

  @ApiProperty({ example: 'DN15 9AB', description: 'A full UK postcode in the voting area' })
  @MaxLength(20, { message: 'Enter a full UK postcode, like DN15 9AB' })
  @IsString({ message: 'Enter a full UK postcode, like DN15 9AB' })
  postcode: string;
}

export class VoterCodeRequestedDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Send the code back to …/voter-codes/{verificationId}/verify',
  })
  verificationId: string;

  @ApiProperty({ example: 600, description: 'The code works this long, once' })
  expiresInSeconds: number;

  @ApiProperty({ example: 'A 6-digit code is on its way to sam@example.org.' })
  message: string;
}

export class VerifyVoterCodeDto {
  @ApiProperty({ example: '493027', description: '6 digits; spaces and dashes are ignored' })
  @MaxLength(20, { message: 'Enter the 6-digit code from the email' })
  @IsString({ message: 'Enter the 6-digit code from the email' })
  code: string;
}

export class VoterTokenDto {
  @ApiProperty({
    description: 'Send as Authorization: Bearer <token> to see the shortlist and vote',
    example: 'vt.3q2+7w...',
  })
  token: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ format: 'date-time', description: 'The voting session ends then' })
  expiresAt: string;
}

export class CastVoteDto {
  @ApiProperty({ format: 'uuid', description: 'The project chosen, from the voter’s shortlist' })
  @MaxLength(100, { message: 'Choose one of the projects on this ballot' })
  @IsString({ message: 'Choose one of the projects on this ballot' })
  applicationId: string;
}

export class PublicProjectDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ example: 'Lights and a youth shelter for Winterton park' })
  publicTitle: string;

  @ApiProperty()
  publicSummary: string;

  @ApiProperty({ example: 950000, description: 'Whole pence the project gets if it wins' })
  amountPence: number;
}

export class VoterShortlistDto {
  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ example: 'Winterton' })
  areaName: string;

  @ApiProperty({ example: 'Choose one project' })
  instruction: string;

  @ApiProperty({
    type: [PublicProjectDto],
    description: 'In this voter’s own order (stable per voter, different between voters)',
  })
  entries: PublicProjectDto[];

  @ApiProperty({ description: 'This voter has voted in this ballot (one vote each)' })
  hasVoted: boolean;
}

export class VoteReceiptDto {
  @ApiProperty({
    example: '7KQ2-M9XD-4HPT',
    description: 'Also emailed; its hash is in the published export of votes',
  })
  receiptCode: string;

  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ example: 'Lights and a youth shelter for Winterton park' })
  publicTitle: string;
}
