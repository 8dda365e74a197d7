import { DomainException } from '@grants/core';

export class DecisionSignedOffException extends DomainException {
  constructor() {
    super(
      'decision_signed_off',
      "This round's decision has been signed off, so it can no longer change",
      409,
    );
  }
}

export class NoRecommendationException extends DomainException {
  constructor() {
    super(
      'no_recommendation',
      'The grants officer has not sent this round a recommendation to decide yet',
      409,
    );
  }
}

export class NotRecommendedException extends DomainException {
  constructor() {
    super(
      'not_recommended',
      'Only an application the grants officer recommended can be approved or declined',
      422,
    );
  }
}

export class ApplicationNotOpenException extends DomainException {
  constructor() {
    super(
      'application_not_open',
      'This application has been withdrawn, so it is no longer part of the decision',
      409,
    );
  }
}

export class DecisionRecordNotFoundException extends DomainException {
  constructor() {
    super('not_found', 'Decision record not found', 404);
  }
}

export class AwardNotFoundException extends DomainException {
  constructor() {
    super('not_found', 'There is no grant offer on this application', 404);
  }
}
