import { MAX_APPLICANT_FEEDBACK } from '@grants/assessment';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';

/*
 * What the decision notices tell applicants beyond the outcome: the officer's feedback (sent with
 * a decline) and, when the round says so, the score.
 */

export class FeedbackInputDto {
  @ApiProperty({
    example: 'The outcomes were not measurable: say how you will count attendance.',
    maxLength: MAX_APPLICANT_FEEDBACK,
    description: 'An empty text removes the feedback',
  })
  @MaxLength(MAX_APPLICANT_FEEDBACK, {
    message: `feedback must be ${MAX_APPLICANT_FEEDBACK} characters or fewer`,
  })
  @IsString({ message: 'feedback must be text' })
  feedback: string;
}

export class FeedbackDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null when there is none' })
  feedback: string | null;
}

export class PublishScoresInputDto {
  @ApiProperty({ description: 'true: the decision notices tell each applicant their score' })
  @IsBoolean({ message: 'publishScores must be true or false' })
  publishScores: boolean;
}

export class PublishScoresDto {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty()
  publishScores: boolean;
}
