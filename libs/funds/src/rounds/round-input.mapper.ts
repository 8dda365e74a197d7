import { CreateRoundDto, UpdateRoundDto } from '../dto/round.dto';
import {
  DEFAULT_RECOMMEND_THRESHOLD_BP,
  DEFAULT_RESERVE_THRESHOLD_BP,
  RoundInput,
} from './round-input';

/** Percent with at most two decimals to hundredths of a percent, exactly. */
export function percentToBp(percent: number | undefined): number | null {
  return percent === undefined ? null : Math.round(percent * 100);
}

export function createDtoToInput(dto: CreateRoundDto): RoundInput {
  return {
    code: dto.code.trim().toUpperCase(),
    title: dto.title,
    theme: dto.theme,
    description: dto.description,
    opensAt: new Date(dto.opensAt),
    closesAt: new Date(dto.closesAt),
    budgetContributions: dto.budgetContributions,
    minGrantPence: dto.minGrantPence,
    maxGrantPence: dto.maxGrantPence,
    minDurationMonths: dto.minDurationMonths,
    maxDurationMonths: dto.maxDurationMonths,
    eligibleOrganisationTypes: dto.eligibleOrganisationTypes,
    planThemes: dto.planThemes ?? [],
    areas: (dto.areas ?? []).map((a) => ({
      ...a,
      budgetCapPence: a.budgetCapPence ?? null,
      shortlistSize: a.shortlistSize ?? null,
    })),
    decisionMethod: dto.decisionMethod,
    recommendThresholdBp:
      percentToBp(dto.recommendThresholdPercent) ??
      (dto.decisionMethod === 'scored' ? DEFAULT_RECOMMEND_THRESHOLD_BP : null),
    reserveThresholdBp:
      percentToBp(dto.reserveThresholdPercent) ??
      (dto.decisionMethod === 'scored' ? DEFAULT_RESERVE_THRESHOLD_BP : null),
    shortlistSize: dto.shortlistSize ?? null,
    winnersPerArea: dto.winnersPerArea ?? null,
    ...(dto.appraisalChecklist !== undefined ? { appraisalChecklist: dto.appraisalChecklist } : {}),
    ...(dto.oneApplicationPerArea !== undefined
      ? { oneApplicationPerArea: dto.oneApplicationPerArea }
      : {}),
  };
}

/** Only the fields sent are changed. */
export function updateDtoToPatch(dto: UpdateRoundDto): Partial<RoundInput> {
  const patch: Partial<RoundInput> = {};
  if (dto.code !== undefined) patch.code = dto.code.trim().toUpperCase();
  if (dto.title !== undefined) patch.title = dto.title;
  if (dto.theme !== undefined) patch.theme = dto.theme;
  if (dto.description !== undefined) patch.description = dto.description;
  if (dto.opensAt !== undefined) patch.opensAt = new Date(dto.opensAt);
  if (dto.closesAt !== undefined) patch.closesAt = new Date(dto.closesAt);
  if (dto.budgetContributions !== undefined) patch.budgetContributions = dto.budgetContributions;
  if (dto.minGrantPence !== undefined) patch.minGrantPence = dto.minGrantPence;
  if (dto.maxGrantPence !== undefined) patch.maxGrantPence = dto.maxGrantPence;
  if (dto.minDurationMonths !== undefined) patch.minDurationMonths = dto.minDurationMonths;
  if (dto.maxDurationMonths !== undefined) patch.maxDurationMonths = dto.maxDurationMonths;
  if (dto.eligibleOrganisationTypes !== undefined)
    patch.eligibleOrganisationTypes = dto.eligibleOrganisationTypes;
  if (dto.planThemes !== undefined) patch.planThemes = dto.planThemes;
  if (dto.areas !== undefined)
    patch.areas = dto.areas.map((a) => ({
      ...a,
      budgetCapPence: a.budgetCapPence ?? null,
      shortlistSize: a.shortlistSize ?? null,
    }));
  if (dto.decisionMethod !== undefined) patch.decisionMethod = dto.decisionMethod;
  if (dto.recommendThresholdPercent !== undefined)
    patch.recommendThresholdBp = percentToBp(dto.recommendThresholdPercent);
  if (dto.reserveThresholdPercent !== undefined)
    patch.reserveThresholdBp = percentToBp(dto.reserveThresholdPercent);
  if (dto.shortlistSize !== undefined) patch.shortlistSize = dto.shortlistSize;
  if (dto.winnersPerArea !== undefined) patch.winnersPerArea = dto.winnersPerArea;
  if (dto.appraisalChecklist !== undefined) patch.appraisalChecklist = dto.appraisalChecklist;
  if (dto.oneApplicationPerArea !== undefined)
    patch.oneApplicationPerArea = dto.oneApplicationPerArea;
  return patch;
}
