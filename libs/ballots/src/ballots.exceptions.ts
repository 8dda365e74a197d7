import { DomainException, NotFoundDomainException } from '@grants/core';

export class BallotNotFoundException extends NotFoundDomainException {
  constructor() {
    super('Ballot');
  }
}

export class NotPublicVoteRoundException extends DomainException {
  constructor() {
    super('not_public_vote', 'Only a public-vote round has shortlists and ballots', 422);
  }
}

export class ShortlistLockedException extends DomainException {
  constructor() {
    super(
      'shortlist_locked',
      "This area's ballot is scheduled, so its shortlist can no longer change",
      409,
    );
  }
}

/** Voting is not possible now: before opening, after closing, or the ballot was never opened. */
export class BallotNotOpenException extends DomainException {
  constructor(message: string) {
    super('ballot_not_open', message, 409);
  }
}

export class AlreadyVotedException extends DomainException {
  constructor() {
    super(
      'already_voted',
      'You have already voted in this ballot: each resident has one vote, and yours is counted',
      409,
    );
  }
}

/** The voter's session is unknown, expired or ended by staff: they must prove their email again. */
export class VoterSessionException extends DomainException {
  constructor() {
    super(
      'voter_session_invalid',
      'Your voting session has ended: enter your email address and postcode again to get a new code',
      401,
    );
  }
}
