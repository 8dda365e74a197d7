import {
  CONFIRM_LINK_TTL_MS,
  confirmLinkState,
  confirmToken,
  EMAIL_INVALID,
  EMAIL_MISSING,
  isWellFormedUnsubscribeToken,
  normaliseSubscriberEmail,
  RESEND_AFTER_MS,
  subscribeAction,
  subscriptionIdOfConfirmToken,
} from './subscription-rules';

const NOW = new Date('2023-03-09T09:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ID = '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b';
const SECRET = 'Qm9vdHN0cmFwLXRva2VuLWZvci10ZXN0cy1vbmx5LTEyMw';

describe('normaliseSubscriberEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseSubscriberEmail('  Chair@Winterton-Youth.ORG.uk ')).toEqual({
      email: 'chair@winterton-youth.org.uk',
    });
  });

  it.each([undefined, null, '', '   ', 42, ['a@b.com']])(
    'asks for an address when given %p',
    (v) => {
      expect(normaliseSubscriberEmail(v)).toEqual({ error: EMAIL_MISSING });
    },
  );

  it.each([
    'not-an-email',
    'name@',
    '@example.com',
    'a b@example.com',
    `${'a'.repeat(250)}@ex.com`,
  ])('refuses %p', (v) => {
    expect(normaliseSubscriberEmail(v)).toEqual({ error: EMAIL_INVALID });
  });
});

describe('subscribeAction', () => {
  it('creates a subscription for a new address', () => {
    expect(subscribeAction(null, NOW)).toBe('create');
  });

  it('asks an address that unsubscribed to confirm again', () => {
    expect(subscribeAction({ status: 'unsubscribed', confirmSentAt: ago(1000) }, NOW)).toBe(
      'send-confirmation',
    );
  });

  it('sends nothing to a confirmed address', () => {
    expect(subscribeAction({ status: 'confirmed', confirmSentAt: ago(1000) }, NOW)).toBe('none');
  });

  it('resends to a pending address only after a minute', () => {
    expect(
      subscribeAction({ status: 'pending', confirmSentAt: ago(RESEND_AFTER_MS - 1) }, NOW),
    ).toBe('none');
    expect(subscribeAction({ status: 'pending', confirmSentAt: ago(RESEND_AFTER_MS) }, NOW)).toBe(
      'resend-confirmation',
    );
    expect(subscribeAction({ status: 'pending', confirmSentAt: null }, NOW)).toBe(
      'resend-confirmation',
    );
  });
});

describe('confirmLinkState', () => {
  const pending = { status: 'pending' as const, confirmTokenHash: 'h', confirmSentAt: ago(1000) };

  it('is valid for the latest link of a pending subscription', () => {
    expect(confirmLinkState(pending, true, NOW)).toBe('valid');
  });

  it('is invalid for an unknown subscription, a replaced link or a cleared one', () => {
    expect(confirmLinkState(null, false, NOW)).toBe('invalid');
    expect(confirmLinkState(pending, false, NOW)).toBe('invalid');
    expect(confirmLinkState({ ...pending, confirmTokenHash: null }, true, NOW)).toBe('invalid');
    expect(confirmLinkState({ ...pending, status: 'unsubscribed' }, true, NOW)).toBe('invalid');
  });

  it('expires after 7 days', () => {
    expect(
      confirmLinkState({ ...pending, confirmSentAt: ago(CONFIRM_LINK_TTL_MS) }, true, NOW),
    ).toBe('valid');
    expect(
      confirmLinkState({ ...pending, confirmSentAt: ago(CONFIRM_LINK_TTL_MS + 1) }, true, NOW),
    ).toBe('expired');
  });

  it('lets a confirmed subscriber follow the same link twice', () => {
    expect(
      confirmLinkState(
        { ...pending, status: 'confirmed', confirmSentAt: ago(30 * 86_400_000) },
        true,
        NOW,
      ),
    ).toBe('already-confirmed');
  });
});

describe('confirmation tokens', () => {
  it('carry the subscription id', () => {
    expect(subscriptionIdOfConfirmToken(confirmToken(ID, SECRET))).toBe(ID);
  });

  it.each([
    undefined,
    42,
    '',
    ID,
    `${ID}.`,
    `${ID}.short`,
    `not-a-uuid.${SECRET}`,
    `${ID}.${SECRET}.x`,
  ])('refuse %p', (token) => {
    expect(subscriptionIdOfConfirmToken(token)).toBeNull();
  });

  it('unsubscribe tokens are URL-safe base64', () => {
    expect(isWellFormedUnsubscribeToken(SECRET)).toBe(true);
    expect(isWellFormedUnsubscribeToken(`${SECRET}'`)).toBe(false);
    expect(isWellFormedUnsubscribeToken(undefined)).toBe(false);
  });
});
