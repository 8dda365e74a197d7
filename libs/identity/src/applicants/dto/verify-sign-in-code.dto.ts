import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** The code from the email, with the request it was sent for. The domain checks both. */
export class VerifySignInCodeDto {
  @ApiProperty({ format: 'uuid', example: '0f8b1c9e-3f5d-4c52-9a57-0d2f4bd36c11' })
  @IsString({ message: 'Send the requestId you were given when you asked for the code' })
  @MaxLength(100, { message: 'Send the requestId you were given when you asked for the code' })
  requestId: string;

  @ApiProperty({ example: '493027', description: '6 digits; spaces and dashes are ignored' })
  @IsString({ message: 'Enter the 6-digit code from the email' })
  @MaxLength(20, { message: 'Enter the 6-digit code from the email' })
  code: string;
}

export class SignedInApplicantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'sam@braunstone-youth.org.uk' })
  email: string;
}

export class ApplicantTokenDto {
  @ApiProperty({ description: 'Send as Authorization: Bearer <token>', example: 'ap.3q2+7w...' })
  token: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ example: '2025-03-10T17:30:00.000Z' })
  expiresAt: string;

  @ApiProperty({ type: SignedInApplicantDto })
  applicant: SignedInApplicantDto;
}
