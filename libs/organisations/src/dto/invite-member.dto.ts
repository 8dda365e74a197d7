import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

const EMAIL_MESSAGE = 'Enter an email address like name@example.org';

/** Someone to work on the organisation's applications; they join when they accept. */
export class InviteMemberDto {
  @ApiProperty({ example: 'alex@braunstone-youth.org.uk', maxLength: 254 })
  @IsString({ message: EMAIL_MESSAGE })
  @MaxLength(254, { message: EMAIL_MESSAGE })
  email: string;
}
