import { DomainException, NotFoundDomainException } from '@grants/core';

export class FundNotFoundException extends NotFoundDomainException {
  constructor() {
    super('Fund');
  }
}

export class RoundNotFoundException extends NotFoundDomainException {
  constructor() {
    super('Grant round');
  }
}

export class RoundNotEditableException extends DomainException {
  constructor(status: string) {
    super(
      'round_not_editable',
      `This round is ${status}: only draft or scheduled rounds can be changed`,
      409,
    );
  }
}

export class RoundClosesInPastException extends DomainException {
  constructor() {
    super(
      'round_closes_in_past',
      'The closing time has passed: change it before you schedule the round',
      422,
      'closesAt',
    );
  }
}
