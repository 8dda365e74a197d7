import { Secret, TOTP } from 'otpauth';

const ISSUER = 'OPCC Grants';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/**
 * The time step the code belongs to (one step either side allowed for clock drift), or null.
 * Callers refuse a step at or before the last one used, so a code cannot be replayed.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 30_000) + delta;
}

export function totpCodeAt(secret: string, timestamp: number): string {
  return totp(secret, 'x').generate({ timestamp });
}
