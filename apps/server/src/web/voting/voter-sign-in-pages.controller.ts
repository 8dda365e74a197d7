import {
  Ballot,
  VoterCodeException,
  VoterVerificationService,
  PublicBallots,
} from '@grants/ballots';
import { Clock, Public, RateLimit } from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { VoterCodeEmailRateLimitGuard } from '../../rate-limits/vote-rate-limits';
import { CODE_CHECK_IP_LIMIT, EMAIL_SEND_IP_LIMIT } from '../../rate-limits/email-rate-limits';
import { asFormBody, formText, renderPage, seeOther } from '../forms';
import { errorView } from '../staff/assessment/page-problems';
import { ballotView, votePath } from './ballot-view';
import { VOTE_CODE_COOKIE, VoterCookies } from './voter-cookies';
import { noProblems, PageProblems, refusal, renderEmailPage } from './voting-page-state';

/**
 * A resident proves they can vote: an email address and a postcode in the area get a 6-digit
 * code; the right code starts a voting session (a cookie with the `vt.` token). The answer to
 * asking for a code is the same whoever asks, so the pages never show who has voted.
 */
@Controller('vote/:ballotId')
export class VoterSignInPagesController {
  constructor(
    private readonly ballots: PublicBallots,
    private readonly verification: VoterVerificationService,
    private readonly cookies: VoterCookies,
    private readonly clock: Clock,
  ) {}

  @Get('email')
  @Public()
  async emailPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
  ) {
    const ballot = ballotView(await this.ballots.get(ballotId), this.clock.now());
    // The start page says when voting opens or that it has closed.
    if (ballot.notTakingVotes) return seeOther(reply, votePath(ballot.id));
    return renderEmailPage(request, reply, ballot, { email: '', postcode: '' });
  }

  @Post('email')
  @Public()
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  // Per email address: the same counter as the API's, so an address cannot be flooded via either.
  @UseGuards(VoterCodeEmailRateLimitGuard)
  async requestCode(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
    @Body() raw: unknown,
  ) {
    const ballot = await this.ballots.get(ballotId);
    const body = asFormBody(raw);
    const values = { email: formText(body, 'email'), postcode: formText(body, 'postcode') };
    try {
      const { verificationId, email } = await this.verification.requestCode(
        ballot.id,
        values.email,
        values.postcode,
      );
      this.cookies.setPendingCode(reply, { ballotId: ballot.id, verificationId, email });
      return seeOther(reply, votePath(ballot.id, 'code'));
    } catch (error) {
      const { status, ...state } = refusal(error, { email: 'email', postcode: 'postcode' });
      const view = ballotView(ballot, this.clock.now());
      return renderEmailPage(request, reply, view, values, state, status);
    }
  }

  @Get('code')
  @Public()
  async codePage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
  ) {
    const ballot = await this.ballots.get(ballotId);
    const pending = this.cookies.pendingCode(request, ballot.id);
    if (!pending) return seeOther(reply, votePath(ballot.id, 'email'));
    return this.renderCodePage(request, reply, ballot, pending.email);
  }

  @Post('code')
  @Public()
  @RateLimit(CODE_CHECK_IP_LIMIT)
  async checkCode(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
    @Body() raw: unknown,
  ) {
    const ballot = await this.ballots.get(ballotId);
    const pending = this.cookies.pendingCode(request, ballot.id);
    if (!pending) return seeOther(reply, votePath(ballot.id, 'email'));
    try {
      const { token } = await this.verification.verifyCode(
        pending.verificationId,
        formText(asFormBody(raw), 'code'),
      );
      this.cookies.clear(reply, VOTE_CODE_COOKIE);
      this.cookies.setSession(reply, token);
      return seeOther(reply, votePath(ballot.id, 'choose'));
    } catch (error) {
      // Wrong, expired, used, locked or badly typed: each says what to do, on the code box.
      // Voting closing meanwhile is not about the code: it goes in the summary only.
      const fields: Record<string, string> =
        error instanceof VoterCodeException ? { '': 'code' } : { code: 'code' };
      const { status, ...state } = refusal(error, fields);
      return this.renderCodePage(request, reply, ballot, pending.email, state, status);
    }
  }

  private renderCodePage(
    request: StaffRequest,
    reply: FastifyReply,
    ballot: Ballot,
    email: string,
    state: PageProblems = noProblems(),
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'voting/code.njk',
      {
        ballot: ballotView(ballot, this.clock.now()),
        email,
        ...errorView(state.errors, state.problems),
      },
      status,
    );
  }
}
