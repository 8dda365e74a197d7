import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AGE_GROUPS, AnswersPatch, ANSWER_LIMITS } from '../application-answers';

const AGE_GROUP_KEYS = Object.keys(AGE_GROUPS);
const WHOLE_PENCE = 'Give the amount in whole pence, like 1500000 for £15,000';
const MORE_THAN_ZERO = 'The amount must be more than £0';
const tooLong = (label: string, max: number) => ({
  message: `${label} must be ${max} characters or fewer`,
});
const text = (label: string) => ({ message: `${label} must be text` });

export class BudgetLineDto {
  @ApiProperty({ example: 'Coaches', maxLength: ANSWER_LIMITS.budgetItem })
  @IsString(text('The budget item'))
  @MaxLength(ANSWER_LIMITS.budgetItem, tooLong('The budget item', ANSWER_LIMITS.budgetItem))
  item: string;

  @ApiProperty({ example: 1200000, description: 'Whole pence, more than 0' })
  @IsInt({ message: WHOLE_PENCE })
  @Min(1, { message: MORE_THAN_ZERO })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'The amount is too large' })
  amountPence: number;
}

/**
 * Some answers to save (save as you go): only the fields sent change. A blank text or an empty
 * list clears an answer; nothing needs to be complete until the application is submitted.
 * The limits are the ones the pages use (ANSWER_LIMITS); the round's own rules (amount, length,
 * areas, themes, start date) are checked by the service, each on its field.
 */
export class UpdateAnswersDto implements AnswersPatch {
  @ApiPropertyOptional({
    example: 'Friday night football in Braunstone',
    maxLength: ANSWER_LIMITS.projectTitle,
  })
  @IsOptional()
  @IsString(text('The project title'))
  @MaxLength(ANSWER_LIMITS.projectTitle, tooLong('The project title', ANSWER_LIMITS.projectTitle))
  projectTitle?: string;

  @ApiPropertyOptional({
    example: 'Free coached football on Friday evenings for young people aged 10 to 17.',
    maxLength: ANSWER_LIMITS.projectSummary,
  })
  @IsOptional()
  @IsString(text('The summary'))
  @MaxLength(ANSWER_LIMITS.projectSummary, tooLong('The summary', ANSWER_LIMITS.projectSummary))
  projectSummary?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "One of the round's areas (rounds with areas only); an empty string clears it",
  })
  @IsOptional()
  @IsString(text('The area'))
  @Matches(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i, {
    message: 'Select one of the areas this round funds (its id)',
  })
  areaId?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Curbing violent crime'],
    description: "Themes from the round's list",
  })
  @IsOptional()
  @IsArray({ message: 'planThemes must be a list of themes' })
  @ArrayMaxSize(30, { message: 'Select up to 30 themes' })
  @IsString({ each: true, message: 'Each theme must be text' })
  @MaxLength(200, { each: true, message: 'Select themes from the list' })
  planThemes?: string[];

  @ApiPropertyOptional({
    example: 'Gives young people somewhere safe to be when anti-social behaviour peaks.',
    maxLength: ANSWER_LIMITS.themesExplanation,
  })
  @IsOptional()
  @IsString(text('The explanation'))
  @MaxLength(
    ANSWER_LIMITS.themesExplanation,
    tooLong('The explanation', ANSWER_LIMITS.themesExplanation),
  )
  themesExplanation?: string;

  @ApiPropertyOptional({
    example: 1500000,
    description:
      "Whole pence (£15,000 is 1500000), more than 0, within the round's limits and the area's cap",
  })
  @IsOptional()
  @IsInt({ message: WHOLE_PENCE })
  @Min(1, { message: MORE_THAN_ZERO })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'The amount is too large' })
  amountRequestedPence?: number;

  @ApiPropertyOptional({
    type: [BudgetLineDto],
    description: 'Replaces every budget line; they must add up to the amount requested to submit',
  })
  @IsOptional()
  @IsArray({ message: 'budgetLines must be a list of {item, amountPence}' })
  @ArrayMaxSize(ANSWER_LIMITS.budgetLines, {
    message: `Enter up to ${ANSWER_LIMITS.budgetLines} budget lines`,
  })
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budgetLines?: BudgetLineDto[];

  @ApiPropertyOptional({
    example: '2025-06-02',
    description:
      'A calendar date, YYYY-MM-DD: on or after the round closes, within 12 months; an empty string clears it',
  })
  @IsOptional()
  @IsString(text('The start date'))
  @Matches(/^(\d{4}-\d{2}-\d{2})?$/, {
    message: 'Give the start date as YYYY-MM-DD, like 2025-06-02',
  })
  startDate?: string;

  @ApiPropertyOptional({ example: 12, description: "Whole months, within the round's range" })
  @IsOptional()
  @IsInt({ message: 'Give the length of the project in whole months' })
  @Min(1, { message: 'The project must run for at least 1 month' })
  @Max(120, { message: 'The project must run for 120 months or fewer' })
  durationMonths?: number;

  @ApiPropertyOptional({
    example: 'Fewer reports of anti-social behaviour near the park on Friday nights.',
    maxLength: ANSWER_LIMITS.outcomes,
  })
  @IsOptional()
  @IsString(text('The outcomes'))
  @MaxLength(ANSWER_LIMITS.outcomes, tooLong('The outcomes', ANSWER_LIMITS.outcomes))
  outcomes?: string;

  @ApiPropertyOptional({
    example: 'Attendance registers and police ASB figures for the ward, quarterly.',
    maxLength: ANSWER_LIMITS.outcomeMeasures,
  })
  @IsOptional()
  @IsString(text('How you will measure'))
  @MaxLength(
    ANSWER_LIMITS.outcomeMeasures,
    tooLong('How you will measure', ANSWER_LIMITS.outcomeMeasures),
  )
  outcomeMeasures?: string;

  @ApiPropertyOptional({ enum: AGE_GROUP_KEYS, isArray: true, example: ['11-17'] })
  @IsOptional()
  @IsArray({ message: 'beneficiaryAgeGroups must be a list of age groups' })
  @ArrayMaxSize(AGE_GROUP_KEYS.length, { message: 'Select age groups from the list' })
  @IsIn(AGE_GROUP_KEYS, { each: true, message: 'Select age groups from the list' })
  beneficiaryAgeGroups?: string[];

  @ApiPropertyOptional({ example: 60, minimum: 1, maximum: ANSWER_LIMITS.beneficiaryCount })
  @IsOptional()
  @IsInt({ message: 'Enter a whole number of people between 1 and 1,000,000' })
  @Min(1, { message: 'Enter a whole number of people between 1 and 1,000,000' })
  @Max(ANSWER_LIMITS.beneficiaryCount, {
    message: 'Enter a whole number of people between 1 and 1,000,000',
  })
  beneficiaryCount?: number;

  @ApiPropertyOptional({
    example: 'Young people at risk of being drawn into crime.',
    maxLength: ANSWER_LIMITS.beneficiaryDescription,
  })
  @IsOptional()
  @IsString(text('The description'))
  @MaxLength(
    ANSWER_LIMITS.beneficiaryDescription,
    tooLong('The description', ANSWER_LIMITS.beneficiaryDescription),
  )
  beneficiaryDescription?: string;

  @ApiPropertyOptional({ example: true, description: 'The information given is true' })
  @IsOptional()
  @IsBoolean({ message: 'declarationTrue must be true or false' })
  declarationTrue?: boolean;

  @ApiPropertyOptional({
    example: true,
    description: 'The organisation has the policies the round asks for in place',
  })
  @IsOptional()
  @IsBoolean({ message: 'declarationPolicies must be true or false' })
  declarationPolicies?: boolean;
}

/**
 * Only the answers sent: class instances carry every declared field (undefined when not sent),
 * and "not sent" must mean "leave as it is".
 */
export function updateAnswersDtoToPatch(dto: UpdateAnswersDto): AnswersPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dto)) {
    if (value === undefined) continue;
    patch[key] =
      key === 'budgetLines'
        ? (value as BudgetLineDto[]).map((l) => ({ item: l.item, amountPence: l.amountPence }))
        : value;
  }
  return patch as AnswersPatch;
}
