import { DomainException, formatUk } from '@grants/core';

/** Also what another organisation's member hears: the same 404 whether or not it exists. */
export class ApplicationNotFoundException extends DomainException {
  constructor() {
    super('application_not_found', 'Application not found', 404);
  }
}

export class RoundNotOpenForApplicationsException extends DomainException {
  constructor(status: string) {
    super(
      'round_not_open',
      status === 'closed'
        ? 'This round has closed: it is no longer taking applications'
        : 'This round is not open for applications yet',
      422,
    );
  }
}

/** The draft is kept; only submission is refused. */
export class DeadlinePassedException extends DomainException {
  constructor(closesAt: Date) {
    super(
      'deadline_passed',
      `The deadline for this round was ${formatUk(closesAt)}. Your draft has been kept, but it can no longer be submitted.`,
      422,
    );
  }
}

export class ApplicationNotEditableException extends DomainException {
  constructor(status: string) {
    super(
      'application_not_editable',
      status === 'withdrawn'
        ? 'This application has been withdrawn, so it cannot be changed'
        : 'This application has been submitted, so it cannot be changed now',
      409,
    );
  }
}

/** The application kept changing while it was being submitted (saved in another tab). */
export class ApplicationChangedException extends DomainException {
  constructor() {
    super(
      'application_changed',
      'This application was changed while it was being submitted. Check your answers and submit it again.',
      409,
    );
  }
}

export class AlreadySubmittedException extends DomainException {
  constructor(reference: string | null) {
    super(
      'already_submitted',
      `This application has already been submitted${reference ? ` (reference ${reference})` : ''}`,
      409,
    );
  }
}

export class ReasonRequiredException extends DomainException {
  constructor(field: string, message: string) {
    super('reason_required', message, 422, field);
  }
}
