import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** The token from a confirm or unsubscribe link in an email. */
export class SubscriptionTokenDto {
  @ApiProperty({ description: 'The token query parameter of the link in the email' })
  @IsString({ message: 'Enter the token from the link in the email' })
  @MinLength(1, { message: 'Enter the token from the link in the email' })
  @MaxLength(200, { message: 'This token is too long to be from one of our emails' })
  token: string;
}
