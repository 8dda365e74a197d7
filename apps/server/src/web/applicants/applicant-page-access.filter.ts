import { ApplicantSignInRequiredException } from '@grants/identity';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { applicantSignInPath } from './applicant-next';

/**
 * On applicants' pages (not the API, which answers 401 in JSON) a missing or expired session
 * sends the browser to sign in, and back to the page it asked for afterwards. After a form post
 * there is no page to come back to, so it starts from the dashboard.
 */
@Catch(ApplicantSignInRequiredException)
export class ApplicantPageAccessFilter implements ExceptionFilter {
  catch(_exception: ApplicantSignInRequiredException, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const next = request.method === 'GET' ? request.url : undefined;
    void reply.header('cache-control', 'no-store').redirect(applicantSignInPath(next), 303);
  }
}
