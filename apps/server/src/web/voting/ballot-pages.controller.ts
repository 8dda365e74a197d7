import {
  AlreadyVotedException,
  Ballot,
  ShortlistEntry,
  VoterBallot,
  VoterSessionException,
  VotingService,
  votingRule,
  PublicBallots,
} from '@grants/ballots';
import { Clock, formatPence, Public, RateLimit } from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { VOTE_IP_LIMIT } from '../../rate-limits/vote-rate-limits';
import { asFormBody, formList, renderPage, seeOther } from '../forms';
import { errorView } from '../staff/assessment/page-problems';
import { ballotView, votePath } from './ballot-view';
import { VOTE_CHOICE_COOKIE, VoterCookies } from './voter-cookies';
import { VoterSessionFilter } from './voter-session.filter';
import { noProblems, PageProblems, refusal } from './voting-page-state';

/**
 * The vote itself, for a resident with a voting session: the shortlist in their own order,
 * check your vote, and the confirmation with the receipt. Plain form posts throughout, so it
 * works without JavaScript. Someone who has voted sees that they have, and no form.
 */
@Controller('vote/:ballotId')
@UseFilters(VoterSessionFilter)
export class BallotPagesController {
  constructor(
    private readonly ballots: PublicBallots,
    private readonly voting: VotingService,
    private readonly cookies: VoterCookies,
    private readonly clock: Clock,
  ) {}

  @Get('choose')
  @Public()
  async choosePage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
  ) {
    const voter = await this.voterBallot(request, ballotId);
    if (voter.hasVoted) return this.alreadyVoted(request, reply, voter.ballot);
    if (this.closed(voter.ballot)) return seeOther(reply, votePath(voter.ballot.id));
    const chosen = this.cookies.choice(request, voter.ballot.id)?.applicationId;
    return this.renderChoose(request, reply, voter, chosen);
  }

  @Post('choose')
  @Public()
  async choose(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
    @Body() raw: unknown,
  ) {
    const voter = await this.voterBallot(request, ballotId);
    if (voter.hasVoted) return this.alreadyVoted(request, reply, voter.ballot, 409);
    const choices = formList(asFormBody(raw), 'choice');
    // The ballot's own rule, as casting will apply it: a project from another ballot is refused.
    const problem = votingRule(voter.ballot.votingRule).check(
      choices,
      voter.entries.map((e) => e.applicationId),
    );
    if (problem) {
      const state = noProblems();
      state.errors.add('choice', problem);
      return this.renderChoose(request, reply, voter, undefined, state, 422);
    }
    this.cookies.setChoice(reply, { ballotId: voter.ballot.id, applicationId: choices[0] });
    return seeOther(reply, votePath(voter.ballot.id, 'check'));
  }

  @Get('check')
  @Public()
  async checkPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
  ) {
    const voter = await this.voterBallot(request, ballotId);
    if (voter.hasVoted) return this.alreadyVoted(request, reply, voter.ballot);
    if (this.closed(voter.ballot)) return seeOther(reply, votePath(voter.ballot.id));
    const choice = this.chosenEntry(request, voter);
    if (!choice) return seeOther(reply, votePath(voter.ballot.id, 'choose'));
    return this.renderCheck(request, reply, voter.ballot, choice);
  }

  @Post('check')
  @Public()
  @RateLimit(VOTE_IP_LIMIT)
  async cast(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
  ) {
    const voter = await this.voterBallot(request, ballotId);
    if (voter.hasVoted) return this.alreadyVoted(request, reply, voter.ballot, 409);
    const choice = this.chosenEntry(request, voter);
    if (!choice) return seeOther(reply, votePath(voter.ballot.id, 'choose'));
    try {
      const vote = await this.voting.cast(
        this.cookies.session(request),
        [choice.applicationId],
        // Fastify's request.ip honours TRUST_PROXY, as the rate limits do.
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
        voter.ballot.id,
      );
      this.cookies.clear(reply, VOTE_CHOICE_COOKIE);
      this.cookies.setReceipt(reply, {
        ballotId: vote.ballot.id,
        receiptCode: vote.receiptCode,
        projectTitle: vote.choice.publicTitle,
      });
      return seeOther(reply, votePath(vote.ballot.id, 'done'));
    } catch (error) {
      if (error instanceof VoterSessionException) throw error;
      if (error instanceof AlreadyVotedException)
        return this.alreadyVoted(request, reply, voter.ballot, 409);
      const { status, ...state } = refusal(error);
      return this.renderCheck(request, reply, voter.ballot, choice, state, status);
    }
  }

  @Get('done')
  @Public()
  async done(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('ballotId') ballotId: string,
  ) {
    const ballot = await this.ballots.get(ballotId);
    const receipt = this.cookies.receipt(request, ballot.id);
    if (!receipt) return seeOther(reply, votePath(ballot.id));
    void reply.header('cache-control', 'no-store');
    return renderPage(request, reply, 'voting/done.njk', {
      ballot: ballotView(ballot, this.clock.now()),
      receipt,
    });
  }

  /** The voter's ballot; their session must be for this ballot (the filter answers otherwise). */
  private async voterBallot(request: StaffRequest, ballotId: string): Promise<VoterBallot> {
    const ballot = await this.ballots.get(ballotId);
    const voter = await this.voting.ballotFor(this.cookies.session(request));
    if (voter.ballot.id !== ballot.id) throw new VoterSessionException();
    return voter;
  }

  private closed(ballot: Ballot): boolean {
    return ballotView(ballot, this.clock.now()).notTakingVotes !== null;
  }

  private chosenEntry(request: StaffRequest, voter: VoterBallot): ShortlistEntry | undefined {
    const chosen = this.cookies.choice(request, voter.ballot.id)?.applicationId;
    return voter.entries.find((e) => e.applicationId === chosen);
  }

  private renderChoose(
    request: StaffRequest,
    reply: FastifyReply,
    voter: VoterBallot,
    chosen: string | undefined,
    state: PageProblems = noProblems(),
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'voting/choose.njk',
      {
        ballot: ballotView(voter.ballot, this.clock.now()),
        entries: voter.entries.map((e) => ({
          id: e.applicationId,
          title: e.publicTitle,
          summary: e.publicSummary,
          amount: formatPence(e.amountPence),
        })),
        chosen,
        ...errorView(state.errors, state.problems),
      },
      status,
    );
  }

  private renderCheck(
    request: StaffRequest,
    reply: FastifyReply,
    ballot: Ballot,
    choice: ShortlistEntry,
    state: PageProblems = noProblems(),
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'voting/check.njk',
      {
        ballot: ballotView(ballot, this.clock.now()),
        choice: {
          title: choice.publicTitle,
          summary: choice.publicSummary,
          amount: formatPence(choice.amountPence),
        },
        ...errorView(state.errors, state.problems),
      },
      status,
    );
  }

  private alreadyVoted(request: StaffRequest, reply: FastifyReply, ballot: Ballot, status = 200) {
    return renderPage(
      request,
      reply,
      'voting/already-voted.njk',
      { ballot: ballotView(ballot, this.clock.now()) },
      status,
    );
  }
}
