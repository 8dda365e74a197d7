import {
  AreaShortlistDto,
  BallotCountDto,
  BallotNotFoundException,
  BallotSettingsDto,
  BallotsService,
  normalisePostcode,
  PostcodeClusterDto,
  PublishResultsDto,
  ReviewVoteDto,
  ReviewVotesQueryDto,
  RoundShortlistsDto,
  SetShortlistDto,
  ShortlistService,
  StaffBallotDto,
  TallyService,
  TurnoutDto,
  Vote,
  VoidedVoteDto,
  VoidVoteDto,
  VoteReviewService,
} from '@grants/ballots';
import {
  DomainException,
  isUuid,
  NotFoundDomainException,
  StaffOnly,
  ValidationException,
} from '@grants/core';
import { RoundNotFoundException } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  DECISION_MAKERS,
  OFFICE_READERS,
  OFFICERS,
  RECORD_PUBLISHERS,
  ROLES,
} from './decisions-api.roles';
import {
  areaShortlistView,
  clusterView,
  countView,
  reviewVoteView,
  sendAsCsv,
  staffBallotView,
} from './ballots-api.views';

const ROUND_NOT_FOUND = { description: 'not_found: no such round (or area)' };
const BALLOT_NOT_FOUND = { description: 'not_found: no such ballot' };

/**
 * The office's side of a public vote: each area's shortlist and ballot settings, scheduling,
 * live turnout and count, reviewing flagged postcodes and voiding votes, publishing the result
 * (a tie is the decision maker's to break) and the anonymised export.
 */
@ApiTags('public vote (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class BallotsStaffApiController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shortlists: ShortlistService,
    private readonly ballots: BallotsService,
    private readonly tally: TallyService,
    private readonly review: VoteReviewService,
  ) {}

  @Get('rounds/:roundId/shortlists')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Each area’s shortlist, the eligible applications and its ballot' })
  @ApiOkResponse({ type: RoundShortlistsDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  @ApiUnprocessableEntityResponse({
    description: 'not_public_vote: the round is decided by scores',
  })
  async shortlistsFor(@Param('roundId') roundId: string): Promise<RoundShortlistsDto> {
    const { round, areas } = await this.shortlists.forRound(roundId);
    return {
      roundId: round.id,
      roundTitle: round.title,
      areas: areas.map((a) => areaShortlistView(a, round)),
    };
  }

  @Put('rounds/:roundId/areas/:areaId/shortlist')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Replace an area’s shortlist',
    description:
      'Up to the area’s number of eligible applications from the area, each with the public title, summary and amount (at most what was asked for and the area’s cap). Only while its ballot is a draft.',
  })
  @ApiOkResponse({ type: AreaShortlistDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({ description: 'shortlist_locked: the ballot is scheduled' })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (entries, entries.N.applicationId|publicTitle|publicSummary|amountPence, areaId); not_public_vote',
  })
  async setShortlist(
    @Param('roundId') roundId: string,
    @Param('areaId') areaId: string,
    @Body() body: SetShortlistDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AreaShortlistDto> {
    assertRoundAndArea(roundId, areaId);
    await this.shortlists.setShortlist(roundId, areaId, body.entries, staffActor(staff.user));
    const { round, areas } = await this.shortlists.forRound(roundId);
    return areaShortlistView(
      areas.find((a) => a.area.id === areaId)!,
      round,
    );
  }

  @Put('rounds/:roundId/areas/:areaId/ballot')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Create or change an area’s ballot: times, postcode areas, review threshold',
    description: 'While a draft, or scheduled and not yet open (its timers are queued again).',
  })
  @ApiOkResponse({ type: StaffBallotDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (opensAt, closesAt, postcodeAreas, postcodeFlagThreshold, areaId); not_public_vote',
  })
  async saveSettings(
    @Param('roundId') roundId: string,
    @Param('areaId') areaId: string,
    @Body() body: BallotSettingsDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffBallotDto> {
    assertRoundAndArea(roundId, areaId);
    const ballot = await this.ballots.saveSettings(
      roundId,
      areaId,
      { ...body, opensAt: new Date(body.opensAt), closesAt: new Date(body.closesAt) },
      staffActor(staff.user),
    );
    return staffBallotView(ballot);
  }

  @Post('ballots/:ballotId/schedule')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Schedule the ballot',
    description:
      'Fixes the shortlist, tells each eligible applicant in the area whether they are on it, and queues the jobs that open and close the vote on time.',
  })
  @ApiOkResponse({ type: StaffBallotDto })
  @ApiNotFoundResponse(BALLOT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({ description: 'invalid_transition: not a draft' })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (opensAt: passed; entries: no shortlist)',
  })
  async schedule(
    @Param('ballotId') ballotId: string,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffBallotDto> {
    return staffBallotView(await this.ballots.schedule(ballotId, staffActor(staff.user)));
  }

  @Get('rounds/:roundId/turnout')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Live turnout per area: votes, voided, verified residents, by hour' })
  @ApiOkResponse({ type: [TurnoutDto] })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async turnout(@Param('roundId') roundId: string): Promise<TurnoutDto[]> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    return this.review.turnout(roundId);
  }

  @Get('ballots/:ballotId/count')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The live count from the stored votes (staff only until published)' })
  @ApiOkResponse({ type: BallotCountDto })
  @ApiNotFoundResponse(BALLOT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async count(@Param('ballotId') ballotId: string): Promise<BallotCountDto> {
    const ballot = await this.ballots.get(ballotId);
    return countView(ballot, await this.tally.count(ballot.id));
  }

  @Get('ballots/:ballotId/flagged-postcodes')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Full postcodes with more votes than the ballot’s review threshold' })
  @ApiOkResponse({ type: [PostcodeClusterDto] })
  @ApiNotFoundResponse(BALLOT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async flaggedPostcodes(@Param('ballotId') ballotId: string): Promise<PostcodeClusterDto[]> {
    return (await this.review.flaggedPostcodes(ballotId)).map(clusterView);
  }

  @Get('ballots/:ballotId/votes')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The votes from one postcode, or every flagged vote (first 1,000, oldest first)',
  })
  @ApiOkResponse({ type: [ReviewVoteDto] })
  @ApiNotFoundResponse(BALLOT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (postcode)' })
  async votes(
    @Param('ballotId') ballotId: string,
    @Query() query: ReviewVotesQueryDto,
  ): Promise<ReviewVoteDto[]> {
    let postcode: string | undefined;
    if (query.postcode !== undefined) {
      postcode = normalisePostcode(query.postcode) ?? undefined;
      if (!postcode)
        throw new ValidationException([
          { field: 'postcode', message: 'Enter a full UK postcode, like DN15 9AB' },
        ]);
    }
    return (await this.review.votes(ballotId, postcode)).map(reviewVoteView);
  }

  @Post('votes/:voteId/void')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Void a vote, with the reason (audited)',
    description:
      'It leaves the count; the resident still cannot vote again. Before publishing only.',
  })
  @ApiOkResponse({ type: VoidedVoteDto })
  @ApiNotFoundResponse({ description: 'not_found: no such vote' })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (reason; voteId: the result is published)',
  })
  async void(
    @Param('voteId') voteId: string,
    @Body() body: VoidVoteDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<VoidedVoteDto> {
    const votes = this.dataSource.getRepository(Vote);
    if (!isUuid(voteId) || !(await votes.existsBy({ id: voteId })))
      throw new NotFoundDomainException('Vote');
    await this.review.void(voteId, body.reason, staffActor(staff.user));
    const vote = await votes.findOneByOrFail({ id: voteId });
    return {
      id: vote.id,
      ballotId: vote.ballotId,
      voidedAt: vote.voidedAt!.toISOString(),
      voidReason: vote.voidReason!,
    };
  }

  @Post('ballots/:ballotId/publish')
  @StaffOnly(...RECORD_PUBLISHERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the result of a closed ballot',
    description:
      'A clear winner: officers or the decision maker publish with an empty body. A tie: only the decision maker, with winnerApplicationId (one of the tied projects) and the note saying why.',
  })
  @ApiOkResponse({ type: BallotCountDto })
  @ApiNotFoundResponse(BALLOT_NOT_FOUND)
  @ApiForbiddenResponse({
    description: `${ROLES(RECORD_PUBLISHERS).description}; a tie-break only for ${DECISION_MAKERS.join(', ')}`,
  })
  @ApiConflictResponse({ description: 'invalid_transition: not closed (or already published)' })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (winnerApplicationId: a tie to break; note)',
  })
  async publish(
    @Param('ballotId') ballotId: string,
    @Body() body: PublishResultsDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<BallotCountDto> {
    const breaksTie = body.winnerApplicationId !== undefined || body.note !== undefined;
    if (breaksTie && !staff.user.roles.some((role) => DECISION_MAKERS.includes(role)))
      throw new DomainException(
        'tie_break_decision_maker_only',
        'Only the decision maker chooses between tied projects',
        403,
      );
    if (!isUuid(ballotId)) throw new BallotNotFoundException();
    await this.tally.publish(
      ballotId,
      breaksTie
        ? { winnerApplicationId: body.winnerApplicationId ?? '', note: body.note ?? '' }
        : null,
      staffActor(staff.user),
    );
    const ballot = await this.ballots.get(ballotId);
    return countView(ballot, await this.tally.count(ballotId));
  }

  @Get('ballots/:ballotId/votes.csv')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The anonymised votes, at any time (the public gets them once published)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV' })
  @ApiNotFoundResponse(BALLOT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async votesCsv(
    @Param('ballotId') ballotId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendAsCsv(reply, await this.review.exportCsv(ballotId));
  }
}

/** A malformed id names nothing: 404, as for a round or area that does not exist. */
function assertRoundAndArea(roundId: string, areaId: string): void {
  if (!isUuid(roundId)) throw new RoundNotFoundException();
  if (!isUuid(areaId)) throw new NotFoundDomainException('Area');
}
