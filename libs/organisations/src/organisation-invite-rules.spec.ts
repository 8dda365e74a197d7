import { INVITE_VALID_DAYS, inviteExpiry, inviteState } from './organisation-invite-rules';

describe('organisation invitation rules', () => {
  const sentAt = new Date('2025-03-20T09:15:00Z');
  const open = {
    expiresAt: inviteExpiry(sentAt),
    acceptedAt: null,
    declinedAt: null,
    revokedAt: null,
  };

  it('keeps an invitation open for 14 days to the instant, across the clocks going forward', () => {
    expect(INVITE_VALID_DAYS).toBe(14);
    // 30 March 2025 is the change to summer time: the expiry is 14 x 24 hours later all the same.
    expect(open.expiresAt.toISOString()).toBe('2025-04-03T09:15:00.000Z');
    expect(inviteState(open, new Date('2025-04-03T09:14:59Z'))).toBe('open');
    expect(inviteState(open, new Date('2025-04-03T09:15:00Z'))).toBe('expired');
  });

  it('says how an invitation was answered, even after its expiry', () => {
    const later = new Date('2025-05-01T00:00:00Z');
    const at = new Date('2025-03-21T10:00:00Z');
    expect(inviteState({ ...open, acceptedAt: at }, later)).toBe('accepted');
    expect(inviteState({ ...open, declinedAt: at }, later)).toBe('declined');
    expect(inviteState({ ...open, revokedAt: at }, later)).toBe('revoked');
    expect(inviteState(open, later)).toBe('expired');
  });
});
