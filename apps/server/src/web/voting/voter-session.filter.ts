import { VoterSessionException, PublicBallots } from '@grants/ballots';
import { Clock } from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { seeOther } from '../forms';
import { ballotView, votePath } from './ballot-view';
import { VOTER_COOKIE, VoterCookies } from './voter-cookies';
import { noProblems, renderEmailPage } from './voting-page-state';

/**
 * A voting page without a live session: someone who never proved their email goes to the
 * email page; a session that has ended (timed out, or ended by staff) is shown the email page
 * with the reason, as a 401, and its cookie is cleared.
 */
@Catch(VoterSessionException)
@Injectable()
export class VoterSessionFilter implements ExceptionFilter {
  constructor(
    private readonly ballots: PublicBallots,
    private readonly cookies: VoterCookies,
    private readonly clock: Clock,
  ) {}

  async catch(exception: VoterSessionException, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<StaffRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const ballotId = (request.params as { ballotId: string }).ballotId;
    void reply.header('cache-control', 'no-store');
    if (!this.cookies.session(request)) return seeOther(reply, votePath(ballotId, 'email'));
    this.cookies.clear(reply, VOTER_COOKIE);
    // The handler found the ballot before it asked for the session.
    const ballot = ballotView(await this.ballots.get(ballotId), this.clock.now());
    const state = noProblems();
    state.problems.push({ text: exception.message });
    return renderEmailPage(request, reply, ballot, { email: '', postcode: '' }, state, 401);
  }
}
