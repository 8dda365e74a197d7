import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

const EMAIL_MESSAGE = 'Enter an email address like name@example.org';

/** Asks for a sign-in code; the domain checks and normalises the address. */
export class RequestSignInCodeDto {
  @ApiProperty({ example: 'sam@braunstone-youth.org.uk', maxLength: 254 })
  @IsString({ message: EMAIL_MESSAGE })
  @MaxLength(254, { message: EMAIL_MESSAGE })
  email: string;
}

export class SignInCodeRequestedDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Send it back with the code from the email',
    example: '0f8b1c9e-3f5d-4c52-9a57-0d2f4bd36c11',
  })
  requestId: string;

  @ApiProperty({ example: 600, description: 'The code and the link work this long, once' })
  expiresInSeconds: number;

  @ApiProperty({
    example:
      'If the address can receive email, a 6-digit code is on its way. It works for 10 minutes.',
  })
  message: string;
}
