import { matchTotpStep, newTotpSecret, totpCodeAt } from './totp';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 22, 9, 0, 0);

  it('accepts the current code and gives its step', () =>
    expect(matchTotpStep(secret, totpCodeAt(secret, now), now)).toBe(Math.floor(now / 30_000)));

  it('allows one step of clock drift', () =>
    expect(matchTotpStep(secret, totpCodeAt(secret, now - 30_000), now)).toBe(
      Math.floor(now / 30_000) - 1,
    ));

  it('refuses an old code and junk', () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, now - 120_000), now)).toBeNull();
    expect(matchTotpStep(secret, 'abcdef', now)).toBeNull();
  });
});
