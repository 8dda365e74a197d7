import {
  Ballot,
  BallotsService,
  normalisePostcode,
  ReviewVote,
  Vote,
  VoteReviewService,
} from '@grants/ballots';
import { formatUk, isUuid, NotFoundDomainException, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { asFormBody, formText, PageAccessFilter, renderPage } from '../../forms';
import {
  doneBanner,
  errorView,
  FormProblems,
  noFormProblems,
  submitForm,
} from '../assessment/page-problems';
import { canRunVote, VOTE_READERS, VOTE_RUNNERS } from './ballot-roles';
import { ballotPaths, ballotSummary, voteRoundHeading } from './vote-round';

interface PageState extends FormProblems {
  /** The vote whose void form failed, with the reason typed. */
  open?: { voteId: string; reason: string };
  done?: string;
}

const DONE: Record<string, string> = { voided: 'Vote voided. It no longer counts.' };

/** The id of a vote's reason box: the error summary links to it. */
export function voidReasonId(voteId: string): string {
  return `reason-${voteId}`;
}

/** A postcode from the address bar in standard form; null when none was asked for. */
function postcodeQuery(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  return normalisePostcode(value) ?? value.trim().toUpperCase().slice(0, 10);
}

function voteRow(vote: ReviewVote) {
  return {
    id: vote.id,
    castAtUk: formatUk(vote.castAt),
    postcode: vote.postcode,
    ipHash: vote.ipHash,
    userAgent: vote.userAgent,
    choiceTitle: vote.choiceTitle,
    flagged: vote.flagged,
    voidedAtUk: vote.voidedAt ? formatUk(vote.voidedAt) : null,
    voidReason: vote.voidReason,
    reasonId: voidReasonId(vote.id),
  };
}

/**
 * Flagged votes: postcodes with more votes than the ballot allows before review, then each vote
 * from one postcode (time, hashed address, browser, choice) for an officer to void with a reason.
 */
@Controller('staff')
@UseFilters(PageAccessFilter)
export class VoteReviewPagesController {
  constructor(
    private readonly ballots: BallotsService,
    private readonly review: VoteReviewService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('ballots/:ballotId/review')
  @StaffOnly(...VOTE_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('ballotId') ballotId: string,
    @Query('postcode') postcode?: unknown,
    @Query('done') done?: unknown,
  ) {
    const ballot = await this.ballots.get(ballotId);
    return this.render(request, reply, staff, ballot, postcodeQuery(postcode), {
      ...noFormProblems(),
      done: doneBanner(DONE, done),
    });
  }

  @Post('votes/:voteId/void')
  @StaffOnly(...VOTE_RUNNERS)
  async void(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('voteId') voteId: string,
    @Body() raw: unknown,
  ) {
    const vote = isUuid(voteId)
      ? await this.dataSource
          .getRepository(Vote)
          .findOne({ where: { id: voteId }, select: { id: true, ballotId: true, postcode: true } })
      : null;
    if (!vote) throw new NotFoundDomainException('Vote');
    const body = asFormBody(raw);
    const reason = formText(body, 'reason');
    // Back to the list the officer came from: one postcode's votes, or every flagged vote.
    const postcode = formText(body, 'postcode') ? vote.postcode : null;
    const ballot = await this.ballots.get(vote.ballotId);
    const query = postcode ? `postcode=${encodeURIComponent(postcode)}&` : '';
    return submitForm(
      reply,
      () => this.review.void(vote.id, reason, staffActor(staff.user)),
      `${ballotPaths(ballot.id).review}?${query}done=voided`,
      (state, status) =>
        this.render(
          request,
          reply,
          staff,
          ballot,
          postcode,
          { ...state, open: { voteId: vote.id, reason } },
          status,
        ),
      { reason: voidReasonId(vote.id) },
    );
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    ballot: Ballot,
    postcode: string | null,
    state: PageState,
    status = 200,
  ) {
    const flagged = await this.review.flaggedPostcodes(ballot.id);
    const votes = await this.review.votes(ballot.id, postcode ?? undefined);
    const paths = ballotPaths(ballot.id);
    return renderPage(
      request,
      reply,
      'staff/ballots/review.njk',
      {
        round: voteRoundHeading(ballot.round),
        areaName: ballot.area.name,
        ballot: ballotSummary(ballot),
        paths,
        hubHref: `/staff/rounds/${ballot.roundId}/vote`,
        flagged: flagged.map((p) => ({
          ...p,
          firstAtUk: formatUk(p.firstAt),
          lastAtUk: formatUk(p.lastAt),
          href: `${paths.review}?postcode=${encodeURIComponent(p.postcode)}`,
        })),
        postcode,
        votes: votes.map(voteRow),
        canVoid: canRunVote(staff) && ballot.status !== 'published',
        open: state.open ?? null,
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
