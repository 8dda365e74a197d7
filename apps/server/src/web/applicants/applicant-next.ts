import { safeNext } from '../forms';

/**
 * Where an applicant goes after signing in: a path on this site (safeNext), never back to the
 * applicant sign-in or sign-out pages, which would loop; '' when there is nowhere to go back to.
 */
export function applicantNext(next: unknown): string {
  const path = safeNext(next, '');
  return /^\/sign-(in|out)(?:[/?]|$)/.test(path) ? '' : path;
}

/** The sign-in page, coming back to `next` afterwards when it is a safe path. */
export function applicantSignInPath(next?: string): string {
  const target = applicantNext(next);
  return target ? `/sign-in?next=${encodeURIComponent(target)}` : '/sign-in';
}
