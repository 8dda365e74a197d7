/**
 * Where to go after signing in. Only a path on this site is accepted, so a link like
 * /staff/sign-in?next=https://evil.example cannot send a member of staff elsewhere.
 */
const LOCAL_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

export function safeNext(next: unknown, fallback = '/staff/rounds'): string {
  if (typeof next !== 'string' || next.length > 1000 || !LOCAL_PATH.test(next)) return fallback;
  // Going back to the sign-in pages after signing in would loop.
  if (/^\/staff\/sign-(in|out)(?:[/?]|$)/.test(next)) return fallback;
  return next;
}

export function signInPath(next?: string): string {
  const target = next === undefined ? undefined : safeNext(next, '');
  return target ? `/staff/sign-in?next=${encodeURIComponent(target)}` : '/staff/sign-in';
}
