import {
  AllocationPlanView,
  AllocationPreview,
  MAX_INDICATORS,
  MAX_PARTNERS,
  MAX_PERIOD_LENGTH,
  MAX_SOURCE_LENGTH,
  MAX_VALUE_ROWS,
  MAX_WEIGHT,
} from '@grants/allocations';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/*
 * The allocations API's request and answer shapes. Money is whole pence; indicator values are
 * decimal text ("325000", "23.4") so they stay exact. Ranges and the rules between fields are
 * the service's, which names the same fields.
 */

const MAX_PENCE = Number.MAX_SAFE_INTEGER;
/** A CSV of every partner and indicator fits well within this. */
export const MAX_CSV_LENGTH = 500_000;

// ---- requests ----

export class PlanSettingsDto {
  @ApiPropertyOptional({
    example: 50_000_000,
    description: 'The pot in pence: at most the round’s budget (the default when a plan is made)',
  })
  @IsOptional()
  @Max(MAX_PENCE, { message: 'potPence is too large' })
  @Min(1, { message: 'potPence must be more than 0' })
  @IsInt({ message: 'potPence must be a whole number of pence' })
  potPence?: number;

  @ApiPropertyOptional({
    example: 10_000_000,
    description: 'The least any partner gets, in pence (0: no minimum)',
  })
  @IsOptional()
  @Max(MAX_PENCE, { message: 'floorPence is too large' })
  @Min(0, { message: 'floorPence must be 0 or more' })
  @IsInt({ message: 'floorPence must be a whole number of pence' })
  floorPence?: number;

  @ApiPropertyOptional({
    example: 15_000_000,
    description: 'The most any partner gets, in pence (0: no maximum)',
  })
  @IsOptional()
  @Max(MAX_PENCE, { message: 'capPence is too large' })
  @Min(0, { message: 'capPence must be 0 or more' })
  @IsInt({ message: 'capPence must be a whole number of pence' })
  capPence?: number;
}

export class PartnersInputDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The partner organisations, in the order they are listed (and ties broken)',
  })
  @IsUUID('all', { each: true, message: 'each of organisationIds must be an organisation id' })
  @ArrayMaxSize(MAX_PARTNERS, { message: `organisationIds can list up to ${MAX_PARTNERS}` })
  @ArrayMinSize(1, { message: 'organisationIds must list at least one partner' })
  @IsArray({ message: 'organisationIds must be a list of organisation ids' })
  organisationIds: string[];
}

export class IndicatorInputDto {
  @ApiProperty({ example: 'population', description: 'Lower case, digits and hyphens' })
  @MaxLength(40, { message: 'key must be 40 characters or fewer' })
  @IsString({ message: 'key must be text' })
  key: string;

  @ApiProperty({ example: 'Population' })
  @MaxLength(100, { message: 'label must be 100 characters or fewer' })
  @IsString({ message: 'label must be text' })
  label: string;

  @ApiProperty({ example: 50, description: 'Counts as its part of all the weights' })
  @Max(MAX_WEIGHT, { message: `weight must be ${MAX_WEIGHT} or less` })
  @Min(0, { message: 'weight must be 0 or more' })
  @IsInt({ message: 'weight must be a whole number' })
  weight: number;
}

export class IndicatorsInputDto {
  @ApiProperty({ type: [IndicatorInputDto] })
  @ValidateNested({ each: true })
  @Type(() => IndicatorInputDto)
  @ArrayMaxSize(MAX_INDICATORS, { message: `indicators can list up to ${MAX_INDICATORS}` })
  @ArrayMinSize(1, { message: 'indicators must list at least one indicator' })
  @IsArray({ message: 'indicators must be a list' })
  indicators: IndicatorInputDto[];
}

export class ValueInputDto {
  @ApiProperty({
    example: 'Hull City Council',
    description: 'The partner: its organisation’s id or name',
  })
  @MaxLength(300, { message: 'partner must be 300 characters or fewer' })
  @IsString({ message: 'partner must be text' })
  partner: string;

  @ApiProperty({ example: 'population', description: 'The indicator’s key or label' })
  @MaxLength(100, { message: 'indicator must be 100 characters or fewer' })
  @IsString({ message: 'indicator must be text' })
  indicator: string;

  @ApiProperty({ example: '267000', description: 'A number, 0 or more, as text: "23.4"' })
  @MaxLength(40, { message: 'value must be 40 characters or fewer' })
  @IsString({ message: 'value must be a number written as text, like "23.4"' })
  value: string;

  @ApiProperty({ example: 'ONS mid-2021 population estimates' })
  @MaxLength(MAX_SOURCE_LENGTH, {
    message: `source must be ${MAX_SOURCE_LENGTH} characters or fewer`,
  })
  @IsString({ message: 'source must be text' })
  source: string;

  @ApiProperty({ example: '2021' })
  @MaxLength(MAX_PERIOD_LENGTH, {
    message: `period must be ${MAX_PERIOD_LENGTH} characters or fewer`,
  })
  @IsString({ message: 'period must be text' })
  period: string;
}

export class ValuesInputDto {
  @ApiProperty({ type: [ValueInputDto] })
  @ValidateNested({ each: true })
  @Type(() => ValueInputDto)
  @ArrayMaxSize(MAX_VALUE_ROWS, { message: `values can list up to ${MAX_VALUE_ROWS}` })
  @ArrayMinSize(1, { message: 'values must list at least one value' })
  @IsArray({ message: 'values must be a list' })
  values: ValueInputDto[];
}

export class CsvImportInputDto {
  @ApiProperty({
    example:
      'partner,indicator,value,source,period\nHull City Council,population,267000,ONS mid-2021,2021\n',
    description:
      'The file’s text: a header row naming partner, indicator, value, source and period (any case and order), then one row per partner per indicator',
  })
  @MaxLength(MAX_CSV_LENGTH, { message: `csv must be ${MAX_CSV_LENGTH} characters or fewer` })
  @IsString({ message: 'csv must be the text of the file' })
  csv: string;
}

export class PreviewInputDto {
  @ApiPropertyOptional({
    example: { population: 40, crime: 40, asb: 20 },
    description: 'What-if weights by indicator key; indicators left out keep theirs',
  })
  @IsOptional()
  @IsObject({ message: 'weights must map indicator keys to whole numbers' })
  weights?: Record<string, number>;
}

// ---- answers ----

export class PlanPartnerDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Hull City Council' }) name: string;
}

export class PlanIndicatorDto {
  @ApiProperty({ example: 'population' }) key: string;
  @ApiProperty({ example: 'Population' }) label: string;
  @ApiProperty({ example: 50 }) weight: number;
}

export class PlanValueDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Hull City Council' }) partner: string;
  @ApiProperty({ example: 'population' }) indicator: string;
  @ApiProperty({ example: '267000' }) value: string;
  @ApiProperty({ example: 'ONS mid-2021 population estimates' }) source: string;
  @ApiProperty({ example: '2021' }) period: string;
}

export class MissingValueDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() partner: string;
  @ApiProperty() indicator: string;
}

export class IndicatorShareDto {
  @ApiProperty({ example: 'population' }) key: string;
  @ApiProperty({ example: 'Population' }) label: string;
  @ApiProperty({ example: 50 }) weight: number;
  @ApiProperty({ example: '267000' }) value: string;
  @ApiProperty() source: string;
  @ApiProperty() period: string;
  @ApiProperty({ example: '28.53', description: 'Percent of the indicator’s total' })
  sharePercent: string;
  @ApiProperty({
    example: 7131410,
    description: 'Pence this indicator’s part of the pot gives, before any minimum or maximum',
  })
  contributionPence: number;
}

export class PublishedAllocationDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Hull City Council' }) name: string;
  @ApiProperty({ example: 16756410 }) amountPence: number;
  @ApiProperty({ example: 16756410, description: 'Before any minimum or maximum' })
  formulaPence: number;
  @ApiProperty({ example: '33.51' }) sharePercent: string;
  @ApiProperty({ enum: ['floor', 'cap'], nullable: true }) limitedBy: 'floor' | 'cap' | null;
  @ApiProperty({ type: [IndicatorShareDto] }) breakdown: IndicatorShareDto[];
}

export class AllocationPlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiProperty({ example: 50_000_000 }) potPence: number;
  @ApiProperty({ nullable: true, type: Number }) floorPence: number | null;
  @ApiProperty({ nullable: true, type: Number }) capPence: number | null;
  @ApiProperty({ type: [PlanPartnerDto] }) partners: PlanPartnerDto[];
  @ApiProperty({ type: [PlanIndicatorDto] }) indicators: PlanIndicatorDto[];
  @ApiProperty({ type: [PlanValueDto] }) values: PlanValueDto[];
  @ApiProperty({ type: [MissingValueDto] }) missingValues: MissingValueDto[];
  @ApiProperty({ example: 'DR-2023-007', nullable: true, type: String })
  decisionRecordNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: [PublishedAllocationDto], description: 'As published (empty before)' })
  allocations: PublishedAllocationDto[];
}

export class PreviewIndicatorDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'The weight used (the what-if one when given)' }) weight: number;
  @ApiProperty() storedWeight: number;
}

export class PreviewPartnerDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 16756410 }) amountPence: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Against the stored weights (null when those cannot be used)',
  })
  changePence: number | null;
  @ApiProperty({ example: '33.51' }) sharePercent: string;
  @ApiProperty() formulaPence: number;
  @ApiProperty({ enum: ['floor', 'cap'], nullable: true }) limitedBy: 'floor' | 'cap' | null;
  @ApiProperty({ type: [IndicatorShareDto] }) indicators: IndicatorShareDto[];
}

export class AllocationPreviewDto {
  @ApiProperty() potPence: number;
  @ApiProperty({ nullable: true, type: Number }) floorPence: number | null;
  @ApiProperty({ nullable: true, type: Number }) capPence: number | null;
  @ApiProperty({ description: 'Whether what-if weights were used' }) whatIf: boolean;
  @ApiProperty({ type: [PreviewIndicatorDto] }) indicators: PreviewIndicatorDto[];
  @ApiProperty({ type: [PreviewPartnerDto] }) partners: PreviewPartnerDto[];
  @ApiProperty({ description: 'Always the pot, to the penny' }) totalPence: number;
}

export function planDto(view: AllocationPlanView): AllocationPlanDto {
  return {
    ...view,
    publishedAt: view.publishedAt ? view.publishedAt.toISOString() : null,
    allocations: view.allocations.map((a) => ({
      ...a,
      breakdown: a.breakdown as unknown as IndicatorShareDto[],
    })),
  };
}

export function previewDto(preview: AllocationPreview): AllocationPreviewDto {
  return preview;
}
