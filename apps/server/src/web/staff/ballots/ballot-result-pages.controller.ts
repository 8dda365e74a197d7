import { Ballot, BallotsService, TallyService, VoteReviewService } from '@grants/ballots';
import { formatPence, formatUk, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, formText, PageAccessFilter, renderPage } from '../../forms';
import { hasAnyRole } from '../assessment/assessment-roles';
import {
  doneBanner,
  errorView,
  FormProblems,
  noFormProblems,
  submitForm,
} from '../assessment/page-problems';
import { RESULT_PUBLISHERS, TIE_BREAKERS, VOTE_READERS } from './ballot-roles';
import { ballotPaths, ballotSummary, voteRoundHeading } from './vote-round';

/** A spreadsheet opens a UTF-8 file as UTF-8 only when it starts with the byte order mark. */
const UTF8_BOM = '\uFEFF';

const DONE: Record<string, string> = { published: 'Result published.' };

interface PageState extends FormProblems {
  tieBreak?: { winnerApplicationId: string; note: string };
  done?: string;
}

/** "Winterton-votes.csv": the area's name with nothing a header could trip on. */
function csvFilename(ballot: Ballot): string {
  const safe = ballot.area.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${safe || 'ballot'}-votes.csv`;
}

/**
 * The count of one ballot, live while it runs; once it has closed, publishing the result (the
 * decision maker chooses between tied projects, with a reason); then the public results page
 * and the anonymised votes anyone can recount it from.
 */
@Controller('staff/ballots/:ballotId')
@UseFilters(PageAccessFilter)
export class BallotResultPagesController {
  constructor(
    private readonly ballots: BallotsService,
    private readonly tally: TallyService,
    private readonly review: VoteReviewService,
  ) {}

  @Get('result')
  @StaffOnly(...VOTE_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('ballotId') ballotId: string,
    @Query('done') done?: unknown,
  ) {
    const ballot = await this.ballots.get(ballotId);
    return this.render(request, reply, staff, ballot, {
      ...noFormProblems(),
      done: doneBanner(DONE, done),
    });
  }

  @Post('result')
  @StaffOnly(...RESULT_PUBLISHERS)
  async publish(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('ballotId') ballotId: string,
  ) {
    const ballot = await this.ballots.get(ballotId);
    return submitForm(
      reply,
      () => this.tally.publish(ballot.id, null, staffActor(staff.user)),
      `${ballotPaths(ballot.id).result}?done=published`,
      (state, status) => this.render(request, reply, staff, ballot, state, status),
    );
  }

  @Post('result/tie-break')
  @StaffOnly(...TIE_BREAKERS)
  async tieBreak(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('ballotId') ballotId: string,
    @Body() raw: unknown,
  ) {
    const ballot = await this.ballots.get(ballotId);
    const body = asFormBody(raw);
    const tieBreak = {
      winnerApplicationId: formText(body, 'winnerApplicationId'),
      note: formText(body, 'note'),
    };
    return submitForm(
      reply,
      () => this.tally.publish(ballot.id, tieBreak, staffActor(staff.user)),
      `${ballotPaths(ballot.id).result}?done=published`,
      (state, status) => this.render(request, reply, staff, ballot, { ...state, tieBreak }, status),
      { winnerApplicationId: 'winnerApplicationId', note: 'note' },
    );
  }

  @Get('votes.csv')
  @StaffOnly(...VOTE_READERS)
  async csv(@Res() reply: FastifyReply, @Param('ballotId') ballotId: string) {
    const ballot = await this.ballots.get(ballotId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFilename(ballot)}"`)
      .header('cache-control', 'no-store')
      .send(UTF8_BOM + (await this.review.exportCsv(ballot.id)));
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    fresh: Ballot,
    state: PageState,
    status = 200,
  ) {
    // A refused publish may have raced another: show the ballot as it is now.
    const ballot = await this.ballots.get(fresh.id);
    const count = ['draft', 'scheduled'].includes(ballot.status)
      ? null
      : await this.tally.count(ballot.id);
    // As the count decides it: equal most votes (none at all included) is for the decision maker.
    const tied = count !== null && count.leaders.length > 1;
    const closed = ballot.status === 'closed';
    const projects = (count?.projects ?? []).map((p) => ({
      applicationId: p.applicationId,
      publicTitle: p.publicTitle,
      amount: formatPence(p.amountPence),
      votes: p.votes,
      voided: p.voided,
      leading: count!.leaders.includes(p.applicationId),
      winner: ballot.winnerApplicationId === p.applicationId,
    }));
    return renderPage(
      request,
      reply,
      'staff/ballots/result.njk',
      {
        round: voteRoundHeading(ballot.round),
        areaName: ballot.area.name,
        ballot: {
          ...ballotSummary(ballot),
          resultsPublishedAtUk: ballot.resultsPublishedAt
            ? formatUk(ballot.resultsPublishedAt)
            : null,
          tieBreakNote: ballot.tieBreakNote,
        },
        paths: ballotPaths(ballot.id),
        csvFilename: csvFilename(ballot),
        hubHref: `/staff/rounds/${ballot.roundId}/vote`,
        count,
        projects,
        tiedProjects: tied ? projects.filter((p) => p.leading) : [],
        winner: projects.find((p) => p.winner) ?? null,
        canPublish: closed && !tied && hasAnyRole(staff, RESULT_PUBLISHERS),
        canBreakTie: closed && tied && hasAnyRole(staff, TIE_BREAKERS),
        tieBreak: state.tieBreak ?? { winnerApplicationId: '', note: '' },
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
