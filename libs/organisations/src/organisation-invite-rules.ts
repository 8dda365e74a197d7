/** How long an invitation stays open after it is sent (or sent again). */
export const INVITE_VALID_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

export function inviteExpiry(sentAt: Date): Date {
  return new Date(sentAt.getTime() + INVITE_VALID_DAYS * DAY_MS);
}

export type InviteState = 'open' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface InviteAnswers {
  expiresAt: Date;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Where an invitation stands. An answer outranks the expiry: an invitation accepted in time is
 * "accepted" for ever, not "expired". It expires at its expiry instant, not a moment after.
 */
export function inviteState(invite: InviteAnswers, now: Date): InviteState {
  if (invite.acceptedAt) return 'accepted';
  if (invite.declinedAt) return 'declined';
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}
