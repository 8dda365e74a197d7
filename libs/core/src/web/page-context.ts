import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/helmet';

/** What the access guard leaves on a request for a signed-in staff member (as far as pages need). */
interface SignedInRequest extends FastifyRequest {
  staff?: { user: { email: string; displayName: string; roles: string[] } };
  applicant?: { applicant: { email: string } };
}

/**
 * What every rendered page's layout needs: a CSRF token for its forms, the CSP nonce for its
 * scripts, and who is signed in. Used for @Render pages, pages rendered by hand, and error pages.
 */
export function pageContextOf(request: FastifyRequest, reply: FastifyReply) {
  const { staff, applicant } = request as SignedInRequest;
  let token: string | undefined;
  return {
    // Made on first use, so a page without a form sets no cookie (and stays cacheable).
    csrfToken: () =>
      (token ??= typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : ''),
    cspNonce: reply.cspNonce?.script,
    staff: staff
      ? {
          user: {
            email: staff.user.email,
            displayName: staff.user.displayName,
            roles: staff.user.roles,
          },
        }
      : null,
    applicant: applicant ? { email: applicant.applicant.email } : null,
  };
}
