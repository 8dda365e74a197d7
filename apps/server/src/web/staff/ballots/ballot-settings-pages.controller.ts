import { AreaShortlist, BallotsService, ShortlistService, TIE_BREAK_RULES } from '@grants/ballots';
import { formatUk, StaffOnly } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { doneBanner, errorView, refusalOf } from '../assessment/page-problems';
import {
  BALLOT_SETTINGS_FIELDS,
  ballotSettingsInput,
  BallotSettingsValues,
  postedBallotSettings,
  storedBallotSettings,
} from './ballot-settings-form';
import { canRunVote, VOTE_READERS, VOTE_RUNNERS } from './ballot-roles';
import { ballotSummary, loadVoteArea, voteAreaPaths, voteRoundHeading } from './vote-round';

interface PageState {
  errors: FormErrors;
  problems: { text: string }[];
  values?: BallotSettingsValues;
  done?: string;
}

const DONE: Record<string, string> = { saved: 'Ballot settings saved.' };

/**
 * An area's ballot: when it opens and closes (UK time), which postcode districts or sectors may
 * vote, when many votes from one postcode are flagged; then scheduling it, which fixes the
 * shortlist and tells the area's applicants.
 */
@Controller('staff/rounds/:roundId/vote/areas/:areaId/ballot')
@UseFilters(PageAccessFilter)
export class BallotSettingsPagesController {
  constructor(
    private readonly shortlists: ShortlistService,
    private readonly ballots: BallotsService,
  ) {}

  @Get()
  @StaffOnly(...VOTE_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('areaId') areaId: string,
    @Query('done') done?: unknown,
  ) {
    const { round, area } = await loadVoteArea(this.shortlists, roundId, areaId);
    return this.render(request, reply, staff, round, area, {
      errors: new FormErrors(),
      problems: [],
      done: doneBanner(DONE, done),
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
    const values = postedBallotSettings(asFormBody(raw));
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const input = ballotSettingsInput(values, errors);
    let status: number | null = 422;
    if (input)
      status = await refusalOf(
        () => this.ballots.saveSettings(round.id, area.area.id, input, staffActor(staff.user)),
        errors,
        problems,
        BALLOT_SETTINGS_FIELDS,
      );
    if (status === null)
      return seeOther(reply, `${voteAreaPaths(round.id, area.area.id).ballot}?done=saved`);
    return this.render(request, reply, staff, round, area, { errors, problems, values }, status);
  }

  @Post('schedule')
  @StaffOnly(...VOTE_RUNNERS)
  async schedule(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('areaId') areaId: string,
  ) {
    const { round, area } = await loadVoteArea(this.shortlists, roundId, areaId);
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const ballot = area.ballot;
    let status: number | null = 422;
    if (!ballot) problems.push({ text: 'Save the ballot settings before scheduling the vote' });
    else
      status = await refusalOf(
        () => this.ballots.schedule(ballot.id, staffActor(staff.user)),
        errors,
        problems,
        // The opening time that has passed is on the form; an empty shortlist is not.
        { opensAt: 'opensAt-day' },
      );
    if (status === null)
      return seeOther(reply, `${voteAreaPaths(round.id, area.area.id).hub}?done=scheduled`);
    return this.render(request, reply, staff, round, area, { errors, problems }, status);
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    round: GrantRound,
    area: AreaShortlist,
    state: PageState,
    status = 200,
  ) {
    const ballot = area.ballot;
    const editable = !ballot || ['draft', 'scheduled'].includes(ballot.status);
    const canRun = canRunVote(staff);
    return renderPage(
      request,
      reply,
      'staff/ballots/settings.njk',
      {
        round: voteRoundHeading(round),
        roundClosesAtUk: formatUk(round.closesAt),
        area: { id: area.area.id, name: area.area.name },
        entries: area.entries.map((e) => e.publicTitle),
        ballot: ballot ? ballotSummary(ballot) : null,
        values: state.values ?? storedBallotSettings(ballot),
        tieBreakRule: TIE_BREAK_RULES[ballot?.tieBreakRule ?? 'decision-maker'],
        paths: voteAreaPaths(round.id, area.area.id),
        canEdit: editable && canRun,
        canSchedule: canRun && ballot?.status === 'draft',
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
