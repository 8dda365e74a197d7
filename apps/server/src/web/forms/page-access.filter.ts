import { MfaSetupRequiredException, SignInRequiredException } from '@grants/identity';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeNext, signInPath } from './safe-next';

/**
 * On staff pages (not the API, which answers 401/403 in JSON) a missing session sends the
 * browser to sign in and back, a session waiting for its code to the code page, and an admin
 * who must set up a second factor to the set-up page.
 */
@Catch(SignInRequiredException, MfaSetupRequiredException)
export class PageAccessFilter implements ExceptionFilter {
  catch(exception: SignInRequiredException | MfaSetupRequiredException, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // After a form post there is no page to come back to: start from the round list.
    const next = request.method === 'GET' ? safeNext(request.url) : undefined;
    let location: string;
    if (exception instanceof MfaSetupRequiredException) location = '/staff/account/second-factor';
    else if (exception.reason === 'mfa_pending')
      location = next
        ? `/staff/sign-in/code?next=${encodeURIComponent(next)}`
        : '/staff/sign-in/code';
    else location = signInPath(next);
    void reply.header('cache-control', 'no-store').redirect(location, 303);
  }
}
