/**
 * A rule of the domain said no. The code is stable (clients switch on it); the message tells a
 * person what to do. The global filter maps it to the status given here.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 422,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class NotFoundDomainException extends DomainException {
  constructor(what: string) {
    super('not_found', `${what} was not found`, 404);
  }
}

/** A lifecycle change that the aggregate's transition table does not allow. */
export class InvalidTransitionException extends DomainException {
  constructor(subject: string, from: string, to: string) {
    super('invalid_transition', `This ${subject} cannot go from “${from}” to “${to}”`, 409);
  }
}
