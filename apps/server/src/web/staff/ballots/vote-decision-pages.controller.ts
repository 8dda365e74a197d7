import { DecisionRecordsService, VoteDecisionService } from '@grants/awards';
import { BallotsService, TallyService } from '@grants/ballots';
import { formatPence, StaffOnly } from '@grants/core';
import { GrantRound, RoundBudgetService, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import {
  doneBanner,
  errorView,
  FormProblems,
  noFormProblems,
  submitForm,
} from '../assessment/page-problems';
import {
  canDecide,
  canPublishRecord,
  DECISION_MAKERS,
  DECISION_READERS,
  RECORD_PUBLISHERS,
} from '../decisions/decision-roles';
import { SIGN_OFF_FIELDS, SignOffValues, signOffValues } from '../decisions/sign-off-form';
import {
  areaResult,
  budgetView,
  defaultVoteRecordTitle,
  resultsAllPublished,
  voteDecisionPath,
  voteRecordView,
} from './vote-decision-view';
import { loadVoteRound, voteRoundHeading } from './vote-round';

interface PageState extends FormProblems {
  signOff?: SignOffValues;
  done?: string;
}

const DONE: Record<string, string> = {
  'signed-off':
    'Decision signed off. The grants are offered and every shortlisted applicant has been told.',
  published: 'Decision record published.',
};

/**
 * The decision on a public-vote round: each area's published result and the grant its winner
 * gets (within the area's cap), signed off by the decision maker into the decision record,
 * which the office then publishes.
 */
@Controller('staff/rounds/:roundId/vote/decision')
@UseFilters(PageAccessFilter)
export class VoteDecisionPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly ballots: BallotsService,
    private readonly tally: TallyService,
    private readonly budget: RoundBudgetService,
    private readonly decisions: VoteDecisionService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get()
  @StaffOnly(...DECISION_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const round = await loadVoteRound(this.rounds, roundId);
    return this.render(request, reply, round, staff, {
      ...noFormProblems(),
      done: doneBanner(DONE, done),
    });
  }

  @Post()
  @StaffOnly(...DECISION_MAKERS)
  async signOff(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadVoteRound(this.rounds, roundId);
    const signOff = signOffValues(raw);
    return submitForm(
      reply,
      () => this.decisions.signOff(round.id, signOff, staffActor(staff.user)),
      `${voteDecisionPath(round.id)}?done=signed-off`,
      (state, status) => this.render(request, reply, round, staff, { ...state, signOff }, status),
      // The areas still to publish are listed in the results table, so that refusal stays a problem.
      SIGN_OFF_FIELDS,
    );
  }

  @Post('publish')
  @StaffOnly(...RECORD_PUBLISHERS)
  async publish(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadVoteRound(this.rounds, roundId);
    return submitForm(
      reply,
      () => this.records.publish(round.id, staffActor(staff.user)),
      `${voteDecisionPath(round.id)}?done=published`,
      (state, status) => this.render(request, reply, round, staff, state, status),
    );
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    staff: StaffContext,
    state: PageState,
    status = 200,
  ) {
    const ballots = await this.ballots.forRound(round.id);
    const areas = await Promise.all(
      ballots.map(async (b) =>
        areaResult(b, b.status === 'published' ? await this.tally.count(b.id) : null),
      ),
    );
    const record = await this.records.forRound(round.id);
    const toAwardPence = areas.reduce((sum, a) => sum + (a.awardPence ?? 0), 0);
    return renderPage(
      request,
      reply,
      'staff/ballots/decision.njk',
      {
        round: voteRoundHeading(round),
        hubHref: `/staff/rounds/${round.id}/vote`,
        action: voteDecisionPath(round.id),
        areas,
        hasBallots: ballots.length > 0,
        ready: resultsAllPublished(ballots),
        waiting: areas.filter((a) => !a.published).map((a) => a.areaName),
        toAward: formatPence(toAwardPence),
        budget: budgetView(await this.budget.summary(round.id)),
        record: record ? voteRecordView(record) : null,
        canSignOff: record === null && ballots.length > 0 && canDecide(staff),
        canPublish: record !== null && !record.publishedAt && canPublishRecord(staff),
        signOffValues: state.signOff ?? {
          title: defaultVoteRecordTitle(round),
          summary: '',
          declarations: '',
        },
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-decisions',
      },
      status,
    );
  }
}
