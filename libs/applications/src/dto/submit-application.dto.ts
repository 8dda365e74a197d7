import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_RESPONSE_LENGTH } from '../applications.service';

/** Submits a draft, or sends it back with the answer the grants officer asked for. */
export class SubmitApplicationDto {
  @ApiPropertyOptional({
    example:
      'Our safeguarding policy was reviewed in January; the new copy is attached to the profile.',
    maxLength: MAX_RESPONSE_LENGTH,
    description: 'Needed when the status is more-information: the answer to the question asked',
  })
  @IsOptional()
  @IsString({ message: 'Your answer must be text' })
  @MaxLength(MAX_RESPONSE_LENGTH, {
    message: `Your answer must be ${MAX_RESPONSE_LENGTH} characters or fewer`,
  })
  response?: string;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({
    example: 'We have found other funding for the project.',
    maxLength: MAX_RESPONSE_LENGTH,
  })
  @IsOptional()
  @IsString({ message: 'The reason must be text' })
  @MaxLength(MAX_RESPONSE_LENGTH, {
    message: `The reason must be ${MAX_RESPONSE_LENGTH} characters or fewer`,
  })
  reason?: string;
}
