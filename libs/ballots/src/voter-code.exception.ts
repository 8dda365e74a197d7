import { DomainException } from '@grants/core';

export type VoterCodeProblem = 'unknown' | 'used' | 'locked' | 'expired' | 'wrong' | 'revoked';

const MESSAGES: Record<Exclude<VoterCodeProblem, 'wrong'>, string> = {
  unknown: 'That code is not one we sent: enter your email address and postcode to get a code',
  used: 'That code has been used: enter your email address and postcode to get a new one',
  locked: 'Too many wrong codes: enter your email address and postcode to get a new code',
  expired: 'That code has expired: enter your email address and postcode to get a new one',
  revoked:
    'This email address can no longer vote in this ballot: contact the grants team if you think this is wrong',
};

/** Why a voting code was refused; a wrong code says how many tries are left. */
export class VoterCodeException extends DomainException {
  constructor(
    readonly problem: VoterCodeProblem,
    readonly triesLeft = 0,
  ) {
    super(
      problem === 'wrong' ? 'voter_code_wrong' : `voter_code_${problem}`,
      problem === 'wrong'
        ? triesLeft > 0
          ? `The code is not right: check the email and try again (${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left)`
          : 'The code is not right, and that was the last try: ask for a new code'
        : MESSAGES[problem],
      problem === 'revoked' ? 403 : 422,
    );
  }
}
