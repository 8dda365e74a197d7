import { DomainException } from '@grants/core';

export class RubricFrozenException extends DomainException {
  constructor() {
    super(
      'rubric_frozen',
      'Scoring has started in this round, so its criteria can no longer change',
      409,
    );
  }
}

export class NotScoredRoundException extends DomainException {
  constructor() {
    super('not_scored_round', 'This round is decided by public vote, not by scoring', 422);
  }
}

/** Not assigned (or assigned to someone else): the same 404 as an assignment that does not exist. */
export class AssignmentNotFoundException extends DomainException {
  constructor() {
    super('assignment_not_found', 'Assignment not found', 404);
  }
}

export class ConflictNotDeclaredException extends DomainException {
  constructor() {
    super(
      'declaration_required',
      'Declare whether you have a conflict of interest before you open this application',
      409,
    );
  }
}

export class ScoresLockedException extends DomainException {
  constructor() {
    super(
      'scores_locked',
      'These scores have been submitted and are locked; a grants officer can reopen them',
      409,
    );
  }
}
