export const ALLOCATION_PLAN_STATUSES = ['draft', 'published'] as const;
export type AllocationPlanStatus = (typeof ALLOCATION_PLAN_STATUSES)[number];

/**
 * A plan is worked on as a draft (partners, indicators, weights, values, what-ifs) and published
 * once, as a recorded decision; what was published never changes after.
 */
export const ALLOCATION_PLAN_TRANSITIONS: Record<
  AllocationPlanStatus,
  readonly AllocationPlanStatus[]
> = {
  draft: ['published'],
  published: [],
};

export function canMoveAllocationPlan(from: AllocationPlanStatus, to: AllocationPlanStatus) {
  return ALLOCATION_PLAN_TRANSITIONS[from].includes(to);
}
