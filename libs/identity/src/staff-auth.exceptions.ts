import { DomainException } from '@grants/core';

export class SignInFailedException extends DomainException {
  constructor() {
    super(
      'sign_in_failed',
      'Enter a correct email address and password. After 5 wrong attempts the account is locked for 15 minutes.',
      401,
      'email',
    );
  }
}

export class MfaCodeInvalidException extends DomainException {
  constructor() {
    super(
      'mfa_code_invalid',
      'Enter the current 6-digit code from your authenticator app',
      401,
      'code',
    );
  }
}

/** No valid session: pages redirect to sign-in, the API answers 401. */
export class SignInRequiredException extends DomainException {
  constructor(readonly reason: 'no_session' | 'mfa_pending' = 'no_session') {
    super('unauthenticated', 'Sign in to continue', 401);
  }
}

export class MfaSetupRequiredException extends DomainException {
  constructor() {
    super(
      'mfa_setup_required',
      'Set up a second factor (an authenticator app) before you continue',
      403,
    );
  }
}
