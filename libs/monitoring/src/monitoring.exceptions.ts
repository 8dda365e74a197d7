import { DomainException, formatCalendarDate } from '@grants/core';

export class GrantNotLiveException extends DomainException {
  constructor() {
    super(
      'grant_not_live',
      'Only an accepted grant that has not been closed can be paid, monitored, varied or closed',
      409,
    );
  }
}

export class OfferLapsedException extends DomainException {
  constructor(expiresOn: string) {
    super(
      'offer_lapsed',
      `This offer could be accepted until ${formatCalendarDate(expiresOn)} and has lapsed. Contact the grants team if the organisation still wants the grant.`,
      409,
    );
  }
}

export class PaymentNotFoundException extends DomainException {
  constructor() {
    super('not_found', 'Payment not found', 404);
  }
}

export class PaymentNotDueException extends DomainException {
  constructor(status: string) {
    super(
      'payment_not_due',
      status === 'paid'
        ? 'This payment has already been recorded as paid'
        : status === 'cancelled'
          ? 'This payment was cancelled when the grant closed'
          : 'This payment is not due yet: it becomes due when the officer accepts the monitoring return it follows',
      409,
    );
  }
}

export class ReturnNotFoundException extends DomainException {
  constructor() {
    super('not_found', 'Monitoring return not found', 404);
  }
}

export class ReturnNotOpenException extends DomainException {
  constructor(doing: 'answer' | 'review') {
    super(
      'return_not_open',
      doing === 'answer'
        ? 'This return has been sent and is with the grants team (or already accepted), so it cannot be changed'
        : 'Only a return the grantee has sent, and nobody has reviewed yet, can be reviewed',
      409,
    );
  }
}

export class VariationNotFoundException extends DomainException {
  constructor() {
    super('not_found', 'Variation request not found', 404);
  }
}

export class VariationOpenException extends DomainException {
  constructor() {
    super(
      'variation_open',
      'There is already a change request waiting for a decision on this grant: wait for it, or ask the grants team',
      409,
    );
  }
}

export class VariationDecidedException extends DomainException {
  constructor() {
    super('variation_decided', 'This change request has already been decided', 409);
  }
}

export class FinalReportOutstandingException extends DomainException {
  constructor() {
    super(
      'final_report_outstanding',
      'A grant can be closed as completed only once its final report has been accepted; close it as ended early, with the reason, otherwise',
      409,
    );
  }
}

export class PaymentsDueException extends DomainException {
  constructor() {
    super(
      'payments_due',
      'This grant has payments due: record them before closing it as completed (or close it as ended early, which stops them)',
      409,
    );
  }
}

export class ReturnPeriodNotOverException extends DomainException {
  constructor(periodEndOn: string) {
    super(
      'return_period_not_over',
      `This return covers the period to ${formatCalendarDate(periodEndOn)}: send it from that day on`,
      409,
    );
  }
}
