import { DomainException } from '@grants/core';

/** Also what another organisation's member hears: whether the organisation exists stays hidden. */
export class OrganisationNotFoundException extends DomainException {
  constructor() {
    super('organisation_not_found', 'Organisation not found', 404);
  }
}

/**
 * An invitation that does not exist, or was sent to someone else (or, for withdrawing, belongs to
 * another organisation): the same answer, so invitation ids cannot be probed.
 */
export class InvitationNotFoundException extends DomainException {
  constructor(
    message = 'Invitation not found. An invitation can only be answered by someone signed in with the email address it was sent to: sign in with that address, or ask a member of the organisation to invite the address you use.',
  ) {
    super('invitation_not_found', message, 404);
  }
}

/** Accepted, declined or withdrawn already: each invitation is answered once. */
export class InvitationAlreadyAnsweredException extends DomainException {
  constructor(message: string) {
    super('invitation_already_answered', message, 409);
  }
}

export class InvitationExpiredException extends DomainException {
  constructor(message: string) {
    super('invitation_expired', message, 410);
  }
}

/** A member withdrew it before the invited person answered. */
export class InvitationWithdrawnException extends DomainException {
  constructor(message: string) {
    super('invitation_withdrawn', message, 410);
  }
}

/** Why an invitation cannot be answered or withdrawn: pages show the message and carry on. */
export function isInvitationProblem(
  error: unknown,
): error is
  | InvitationNotFoundException
  | InvitationAlreadyAnsweredException
  | InvitationExpiredException
  | InvitationWithdrawnException {
  return (
    error instanceof InvitationNotFoundException ||
    error instanceof InvitationAlreadyAnsweredException ||
    error instanceof InvitationExpiredException ||
    error instanceof InvitationWithdrawnException
  );
}
