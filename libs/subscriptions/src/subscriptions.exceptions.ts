import { DomainException } from '@grants/core';

export class ConfirmLinkInvalidException extends DomainException {
  constructor() {
    super(
      'subscription_link_invalid',
      'This confirmation link is not valid. It may have been replaced by a newer one: use the link in the latest email, or ask for email updates again.',
      404,
    );
  }
}

export class ConfirmLinkExpiredException extends DomainException {
  constructor() {
    super(
      'subscription_link_expired',
      'This confirmation link has expired: links work for 7 days. Ask for email updates again and we will send you a new one.',
      410,
    );
  }
}

export class UnsubscribeLinkInvalidException extends DomainException {
  constructor() {
    super(
      'unsubscribe_link_invalid',
      'This unsubscribe link is not valid. Check that you copied the whole link from the email.',
      404,
    );
  }
}
