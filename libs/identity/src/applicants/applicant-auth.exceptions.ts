import { DomainException } from '@grants/core';

export class SignInCodeInvalidException extends DomainException {
  constructor(attemptsLeft: number) {
    super(
      'sign_in_code_invalid',
      attemptsLeft > 0
        ? `The code is not right. Check the 6-digit code in the email and try again (${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left).`
        : 'The code is not right, and that was the last try. Ask for a new code.',
      401,
      'code',
    );
  }
}

/** Used, expired, locked after 5 wrong codes, or never issued: the person asks for a new one. */
export class SignInCodeUnusableException extends DomainException {
  constructor(reason: 'expired' | 'used' | 'locked' | 'unknown') {
    const messages = {
      expired: 'The code has expired: codes work for 10 minutes. Ask for a new code.',
      used: 'The code has already been used. Ask for a new code to sign in again.',
      locked: 'Too many wrong codes were entered. Ask for a new code.',
      unknown: 'The sign-in request was not found. Ask for a new code.',
    };
    super(`sign_in_code_${reason}`, messages[reason], 401, 'code');
  }
}

export class SignInLinkInvalidException extends DomainException {
  constructor() {
    super(
      'sign_in_link_invalid',
      'The sign-in link is not valid: it may have expired (links work for 10 minutes) or been used. Ask for a new one.',
      401,
    );
  }
}

/** No applicant session: pages send the person to sign in, the API answers 401. */
export class ApplicantSignInRequiredException extends DomainException {
  constructor() {
    super('unauthenticated', 'Sign in to continue', 401);
  }
}
