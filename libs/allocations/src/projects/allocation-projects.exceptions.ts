import { DomainException, formatPence } from '@grants/core';
import type { PartnerLedger } from './partner-ledger';

export class NotAllocationPartnerException extends DomainException {
  constructor() {
    super(
      'not_allocation_partner',
      'Only the partner organisations sharing this round’s allocation can apply to it, and this organisation is not one of them',
      403,
      'organisationId',
    );
  }
}

export class AllocationNotPublishedException extends DomainException {
  constructor() {
    super(
      'allocation_not_published',
      'This round’s allocations have not been published yet: partners can apply once they are',
      409,
    );
  }
}

export class PlanThemesMissingException extends DomainException {
  constructor() {
    super(
      'plan_themes_missing',
      'This allocation round has no Police and Crime Plan themes for projects to link to: the grants team must add them before partners apply',
      409,
    );
  }
}

/** The amount asked for or approved would take the partner past what it has left. */
export class AllocationExceededException extends DomainException {
  constructor(amountPence: number, leftPence: number, ledger: PartnerLedger, what: string) {
    const taken = [
      ledger.approvedPence > 0 ? `${formatPence(ledger.approvedPence)} approved` : '',
      ledger.pendingPence > 0 ? `${formatPence(ledger.pendingPence)} requested` : '',
      ledger.releasedPence > 0 ? `${formatPence(ledger.releasedPence)} released` : '',
    ].filter(Boolean);
    super(
      'allocation_exceeded',
      `${formatPence(amountPence)} ${what} is more than the ${formatPence(Math.max(0, leftPence))} left of ${ledger.name}’s ${formatPence(ledger.allocationPence)} allocation${taken.length > 0 ? ` (${taken.join(', ')} already)` : ''}`,
      409,
      'amountPence',
    );
  }
}

export class NotAllocationProjectException extends DomainException {
  constructor() {
    super(
      'not_allocation_project',
      'This application is not a partner’s project in an allocation round with published allocations',
      409,
    );
  }
}

export class NotAwaitingApprovalException extends DomainException {
  constructor(status: string) {
    super(
      'not_awaiting_approval',
      `Only a project appraised as eligible can be approved or declined (this one is ${status})`,
      409,
    );
  }
}

export class NothingToReleaseException extends DomainException {
  constructor() {
    super(
      'nothing_to_release',
      'No partner has any unspent allocation to release',
      409,
      'organisationIds',
    );
  }
}
