import { checkEmailAddress, EMAIL_INVALID, EMAIL_MISSING, isUuid } from '@grants/core';
import type { SubscriptionStatus } from './fund-subscription.entity';

/** A confirmation link works for a week; asking again sends a fresh one. */
export const CONFIRM_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

/** A pending address gets at most one confirmation email a minute, however often it is entered. */
export const RESEND_AFTER_MS = 60_000;

/** What the caller of subscribe hears, whatever the address's state: no one learns who subscribed. */
export const SUBSCRIBE_MESSAGE =
  'If this address is not already getting email updates about this fund, we have sent it an email with a link to confirm. The link works for 7 days.';

export { EMAIL_INVALID, EMAIL_MISSING };

/** Trimmed and lower-cased, or the message for the email field. */
export const normaliseSubscriberEmail = checkEmailAddress;

export type SubscribeAction = 'create' | 'send-confirmation' | 'resend-confirmation' | 'none';

/**
 * What asking for updates does: a new or unsubscribed address gets a confirmation email; a
 * pending one gets a fresh one unless one went in the last minute; a confirmed one gets nothing.
 */
export function subscribeAction(
  current: { status: SubscriptionStatus; confirmSentAt: Date | null } | null,
  now: Date,
): SubscribeAction {
  if (!current) return 'create';
  switch (current.status) {
    case 'unsubscribed':
      return 'send-confirmation';
    case 'confirmed':
      return 'none';
    case 'pending':
      return current.confirmSentAt &&
        now.getTime() - current.confirmSentAt.getTime() < RESEND_AFTER_MS
        ? 'none'
        : 'resend-confirmation';
  }
}

export type ConfirmLinkState = 'valid' | 'already-confirmed' | 'expired' | 'invalid';

/**
 * A confirmation link is good for a pending subscription whose latest link it is, for 7 days. A
 * confirmed subscription's own link (clicked twice) is still fine: nothing changes.
 */
export function confirmLinkState(
  subscription: {
    status: SubscriptionStatus;
    confirmTokenHash: string | null;
    confirmSentAt: Date | null;
  } | null,
  tokenMatches: boolean,
  now: Date,
): ConfirmLinkState {
  if (!subscription || !subscription.confirmTokenHash || !tokenMatches) return 'invalid';
  if (subscription.status === 'confirmed') return 'already-confirmed';
  if (subscription.status !== 'pending') return 'invalid';
  if (
    !subscription.confirmSentAt ||
    now.getTime() - subscription.confirmSentAt.getTime() > CONFIRM_LINK_TTL_MS
  )
    return 'expired';
  return 'valid';
}

const SECRET = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * A confirmation token is "<subscription id>.<secret>": the row is found by its key and the
 * stored sha256 of the whole token compared, so no index on the hash is needed.
 */
export function confirmToken(subscriptionId: string, secret: string): string {
  return `${subscriptionId}.${secret}`;
}

export function subscriptionIdOfConfirmToken(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const [id, secret, ...rest] = token.trim().split('.');
  if (rest.length > 0 || !id || !secret || !isUuid(id) || !SECRET.test(secret)) return null;
  return id;
}

/** Unsubscribe tokens are newToken()s (43 URL-safe characters). */
export function isWellFormedUnsubscribeToken(token: unknown): token is string {
  return typeof token === 'string' && SECRET.test(token);
}
