import { AreaShortlist, ShortlistService } from '@grants/ballots';
import { formatPence, StaffOnly } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { errorView, refusalOf } from '../assessment/page-problems';
import { canRunVote, VOTE_READERS, VOTE_RUNNERS } from './ballot-roles';
import {
  postedShortlistRows,
  ShortlistRow,
  shortlistErrorFields,
  shortlistInput,
  shortlistRowsView,
  storedShortlistRows,
} from './shortlist-form';
import { loadVoteArea, voteAreaPaths, voteRoundHeading } from './vote-round';

/**
 * The shortlist builder for one area: tick up to N eligible applications and write, for each,
 * the title, summary and amount residents will read. It can change until the ballot is scheduled.
 */
@Controller('staff/rounds/:roundId/vote/areas/:areaId/shortlist')
@UseFilters(PageAccessFilter)
export class ShortlistPagesController {
  constructor(private readonly shortlists: ShortlistService) {}

  @Get()
  @StaffOnly(...VOTE_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('areaId') areaId: string,
  ) {
    const { round, area } = await loadVoteArea(this.shortlists, roundId, areaId);
    return this.render(request, reply, staff, round, area, storedShortlistRows(area), {
      errors: new FormErrors(),
      problems: [],
    });
  }

  @Post()
  @StaffOnly(...VOTE_RUNNERS)
  async save(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('areaId') areaId: string,
    @Body() raw: unknown,
  ) {
    const { round, area } = await loadVoteArea(this.shortlists, roundId, areaId);
    const rows = postedShortlistRows(asFormBody(raw), area);
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const input = shortlistInput(rows, errors);
    const status = await refusalOf(
      () => this.shortlists.setShortlist(round.id, area.area.id, input, staffActor(staff.user)),
      errors,
      problems,
      shortlistErrorFields(input, rows),
    );
    if (status === null)
      return seeOther(reply, `${voteAreaPaths(round.id, area.area.id).hub}?done=shortlist`);
    return this.render(request, reply, staff, round, area, rows, { errors, problems }, status);
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    round: GrantRound,
    area: AreaShortlist,
    rows: ShortlistRow[],
    state: { errors: FormErrors; problems: { text: string }[] },
    status = 200,
  ) {
    const locked = area.ballot !== null && area.ballot.status !== 'draft';
    return renderPage(
      request,
      reply,
      'staff/ballots/shortlist.njk',
      {
        round: voteRoundHeading(round),
        area: {
          id: area.area.id,
          name: area.area.name,
          size: area.size,
          capDisplay:
            area.area.budgetCapPence === null ? null : formatPence(area.area.budgetCapPence),
        },
        rows: shortlistRowsView(area, rows),
        paths: voteAreaPaths(round.id, area.area.id),
        locked,
        canEdit: !locked && canRunVote(staff),
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
