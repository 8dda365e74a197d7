import { DomainException, formatPence } from '@grants/core';

/** Input the formula cannot work with (no partners, no weights, a value missing or not a number). */
export class FormulaInputException extends DomainException {
  constructor(code: string, message: string, field: string) {
    super(code, message, 422, field);
  }
}

export class FloorAboveCapException extends DomainException {
  constructor(floorPence: number, capPence: number) {
    super(
      'floor_above_cap',
      `The minimum allocation (${formatPence(floorPence)}) cannot be more than the maximum (${formatPence(capPence)})`,
      422,
      'floorPence',
    );
  }
}

export class FloorTooHighException extends DomainException {
  constructor(floorPence: number, partners: number, potPence: number) {
    super(
      'floor_too_high',
      `A minimum of ${formatPence(floorPence)} for each of ${partners} partners needs ${formatPence(floorPence * partners)}, more than the ${formatPence(potPence)} pot: lower the minimum or raise the pot`,
      422,
      'floorPence',
    );
  }
}

export class CapTooLowException extends DomainException {
  constructor(capPence: number, spendablePence: number, potPence: number, zeroShares: boolean) {
    super(
      'cap_too_low',
      `With a maximum of ${formatPence(capPence)} per partner at most ${formatPence(spendablePence)} of the ${formatPence(potPence)} pot can be allocated${zeroShares ? ' (a partner with no share of any indicator gets only the minimum)' : ''}: raise the maximum or lower the pot`,
      422,
      'capPence',
    );
  }
}

export class AllocationPlanNotFoundException extends DomainException {
  constructor() {
    super('not_found', 'Allocation plan not found', 404);
  }
}

export class NotAllocationRoundException extends DomainException {
  constructor() {
    super(
      'not_allocation_round',
      'Only a round whose decision method is allocation can have an allocation plan',
      409,
    );
  }
}

export class AllocationPlanExistsException extends DomainException {
  constructor() {
    super(
      'allocation_plan_exists',
      'This round already has an allocation plan: change that one',
      409,
    );
  }
}

export class AllocationPublishedException extends DomainException {
  constructor() {
    super(
      'allocation_published',
      'The allocations have been published as a recorded decision, so the plan can no longer change',
      409,
    );
  }
}

export class AllocationAlreadyPublishedException extends DomainException {
  constructor() {
    super('allocation_already_published', 'These allocations have already been published', 409);
  }
}

export class RoundHasDecisionException extends DomainException {
  constructor() {
    super(
      'decision_signed_off',
      'This round already has a signed-off decision record, so allocations cannot be published for it',
      409,
    );
  }
}

export class ValuesMissingException extends DomainException {
  constructor(missing: string[]) {
    const shown = missing.slice(0, 5).join('; ');
    super(
      'values_missing',
      `Enter a value for every partner and indicator first (missing: ${shown}${missing.length > 5 ? `, and ${missing.length - 5} more` : ''})`,
      409,
      'values',
    );
  }
}
