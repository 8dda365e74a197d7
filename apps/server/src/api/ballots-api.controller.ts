import {
  Ballot,
  BallotCountDto,
  BallotDto,
  BallotNotFoundException,
  CastVoteDto,
  RequestVoterCodeDto,
  TallyService,
  VerifyVoterCodeDto,
  VOTER_CODE_TTL_MS,
  VoteReceiptDto,
  VoteReviewService,
  VoterCodeException,
  VoterCodeRequestedDto,
  VoterSessionException,
  VoterShortlistDto,
  VoterTokenDto,
  VoterVerification,
  VoterVerificationService,
  VotingService,
  votingRule,
  PublicBallots,
} from '@grants/ballots';
import { isUuid, Public, RateLimit } from '@grants/core';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, In } from 'typeorm';
import { CODE_CHECK_IP_LIMIT, EMAIL_SEND_IP_LIMIT } from '../rate-limits/email-rate-limits';
import { VOTE_IP_LIMIT, VoterCodeEmailRateLimitGuard } from '../rate-limits/vote-rate-limits';
import { voterToken } from './voter-token';
import { ballotView, countView, projectView, sendAsCsv } from './ballots-api.views';

const NOT_FOUND = { description: 'not_found: no such ballot (or its results are not published)' };
const SESSION = {
  description:
    'voter_session_invalid: no voter token, or it has expired, was ended by staff or is for another ballot',
};

/**
 * "Vote for a project in your area": the residents' side of a ballot. A resident proves an email
 * address with a postcode in the area, gets a short voting session, sees the shortlist in their
 * own order and casts one vote; the results and the anonymised votes are public once published.
 */
@ApiTags('public vote')
@Controller('api/v1/ballots')
export class BallotsApiController {
  constructor(
    private readonly dataSource: DataSource,
    // A draft ballot is the office's working copy: it does not exist for the public yet.
    private readonly ballots: PublicBallots,
    private readonly verification: VoterVerificationService,
    private readonly voting: VotingService,
    private readonly tally: TallyService,
    private readonly review: VoteReviewService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Ballots open for votes now, and those with published results' })
  @ApiOkResponse({ type: [BallotDto] })
  async list(): Promise<BallotDto[]> {
    const ballots = await this.dataSource.getRepository(Ballot).find({
      where: { status: In(['open', 'published']) },
      relations: { area: true, round: true },
      order: { opensAt: 'DESC', area: { position: 'ASC' } },
    });
    return ballots.map(ballotView);
  }

  @Get(':ballotId')
  @Public()
  @ApiOperation({ summary: 'A ballot: its area, times, postcode areas, rules and status' })
  @ApiOkResponse({ type: BallotDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async get(@Param('ballotId') ballotId: string): Promise<BallotDto> {
    return ballotView(await this.ballots.get(ballotId));
  }

  @Post(':ballotId/voter-codes')
  @Public()
  @HttpCode(202)
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(VoterCodeEmailRateLimitGuard)
  @ApiOperation({
    summary: 'Email a 6-digit voting code',
    description:
      'The postcode must be in the ballot’s area; disposable email addresses are refused. The code works for 10 minutes, once, with this verificationId only; 5 wrong codes lock it. Limited per client address and per email address (EMAIL_SENDS_PER_HOUR).',
  })
  @ApiAcceptedResponse({ type: VoterCodeRequestedDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ description: 'ballot_not_open: before opening or after closing' })
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (email, postcode)' })
  @ApiTooManyRequestsResponse({ description: 'Too many codes, from here or for this address' })
  async requestCode(
    @Param('ballotId') ballotId: string,
    @Body() body: RequestVoterCodeDto,
  ): Promise<VoterCodeRequestedDto> {
    await this.ballots.get(ballotId);
    const { verificationId, email } = await this.verification.requestCode(
      ballotId,
      body.email,
      body.postcode,
    );
    return {
      verificationId,
      expiresInSeconds: VOTER_CODE_TTL_MS / 1000,
      message: `A 6-digit code is on its way to ${email}. It works for 10 minutes, once.`,
    };
  }

  @Post(':ballotId/voter-codes/:verificationId/verify')
  @Public()
  @HttpCode(200)
  @RateLimit(CODE_CHECK_IP_LIMIT)
  @ApiOperation({
    summary: 'Exchange the code for a voter token',
    description: 'The token is a 30-minute voting session for this ballot only.',
  })
  @ApiOkResponse({ type: VoterTokenDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ description: 'ballot_not_open: the vote closed meanwhile' })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (code); voter_code_wrong (with tries left), voter_code_used, voter_code_expired, voter_code_locked, voter_code_unknown',
  })
  async verifyCode(
    @Param('ballotId') ballotId: string,
    @Param('verificationId') verificationId: string,
    @Body() body: VerifyVoterCodeDto,
  ): Promise<VoterTokenDto> {
    await this.ballots.get(ballotId);
    // The code is bound to its ballot: one asked for elsewhere is not one we sent for this one.
    const sentHere =
      isUuid(verificationId) &&
      (await this.dataSource
        .getRepository(VoterVerification)
        .existsBy({ id: verificationId, ballotId }));
    if (!sentHere) throw new VoterCodeException('unknown');
    const { token, voter } = await this.verification.verifyCode(verificationId, body.code);
    return { token, tokenType: 'Bearer', expiresAt: voter.sessionExpiresAt.toISOString() };
  }

  @Get(':ballotId/shortlist')
  @Public()
  @ApiBearerAuth()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The shortlist, in this voter’s own order, and whether they have voted',
    description: 'Needs the voter token (Authorization: Bearer vt.…).',
  })
  @ApiOkResponse({ type: VoterShortlistDto })
  @ApiUnauthorizedResponse(SESSION)
  async shortlist(
    @Param('ballotId') ballotId: string,
    @Req() request: FastifyRequest,
  ): Promise<VoterShortlistDto> {
    const found = await this.voting.ballotFor(voterToken(request));
    if (found.ballot.id !== ballotId) throw new VoterSessionException();
    return {
      ballotId: found.ballot.id,
      areaName: found.ballot.area.name,
      instruction: votingRule(found.ballot.votingRule).instruction,
      entries: found.entries.map(projectView),
      hasVoted: found.hasVoted,
    };
  }

  @Post(':ballotId/votes')
  @Public()
  @ApiBearerAuth()
  @HttpCode(201)
  @RateLimit(VOTE_IP_LIMIT)
  @ApiOperation({
    summary: 'Cast the voter’s one vote',
    description:
      'Needs the voter token. One vote per verified resident per ballot, whatever the concurrency; the receipt code is emailed too. Limited per client address (VOTES_PER_MINUTE_PER_IP).',
  })
  @ApiCreatedResponse({ type: VoteReceiptDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiUnauthorizedResponse(SESSION)
  @ApiConflictResponse({
    description: 'already_voted: this voter’s vote is counted; ballot_not_open',
  })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (choice: not a project on this voter’s ballot)',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many votes from this client address' })
  async vote(
    @Param('ballotId') ballotId: string,
    @Body() body: CastVoteDto,
    @Req() request: FastifyRequest,
  ): Promise<VoteReceiptDto> {
    if (!isUuid(ballotId)) throw new BallotNotFoundException();
    // A token for another ballot is no session here, rather than a vote cast on a ballot other
    // than the one in the address.
    const cast = await this.voting.cast(
      voterToken(request),
      [body.applicationId],
      { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
      ballotId,
    );
    return {
      receiptCode: cast.receiptCode,
      ballotId: cast.ballot.id,
      applicationId: cast.choice.applicationId,
      publicTitle: cast.choice.publicTitle,
    };
  }

  @Get(':ballotId/results')
  @Public()
  @ApiOperation({ summary: 'The published result: votes per project, the winner, any tie-break' })
  @ApiOkResponse({ type: BallotCountDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async results(@Param('ballotId') ballotId: string): Promise<BallotCountDto> {
    const ballot = await this.publishedBallot(ballotId);
    return countView(ballot, await this.tally.count(ballot.id));
  }

  @Get(':ballotId/votes.csv')
  @Public()
  @ApiOperation({
    summary: 'The anonymised votes of a published ballot, to recount the result',
    description:
      'receipt_hash (SHA-256 of the receipt code in capitals), area, choice_reference, choice, cast_at_utc, voided',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV' })
  @ApiNotFoundResponse(NOT_FOUND)
  async votesCsv(
    @Param('ballotId') ballotId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const ballot = await this.publishedBallot(ballotId);
    return sendAsCsv(reply, await this.review.exportCsv(ballot.id));
  }

  /** Its results and anonymised votes are public once published, and not before. */
  private async publishedBallot(ballotId: string): Promise<Ballot> {
    const ballot = await this.ballots.get(ballotId);
    if (ballot.status !== 'published') throw new BallotNotFoundException();
    return ballot;
  }
}
