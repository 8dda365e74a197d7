import { formatPence, formatUk, formatUkDate, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, StaffRequest } from '@grants/identity';
import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { canDecide, DECISION_READERS } from './decision-roles';
import {
  DecisionRound,
  DecisionRoundStage,
  DecisionRounds,
  VoteDecisionRound,
} from './decision-rounds';

const STAGE_TAGS: Record<DecisionRoundStage, string> = {
  'to-decide': 'govuk-tag--blue',
  decided: 'govuk-tag--yellow',
  published: 'govuk-tag--green',
};

/** "Waiting for your decision" only says the right thing to the person who decides. */
function stageText(stage: DecisionRoundStage, decides: boolean): string {
  if (stage === 'to-decide')
    return decides ? 'Waiting for your decision' : 'Waiting for the decision maker';
  return stage === 'decided' ? 'Decided, not published' : 'Published';
}

function roundRow(round: DecisionRound, decides: boolean) {
  return {
    title: round.title,
    fundName: round.fundName,
    href: `/staff/rounds/${round.roundId}/decision`,
    status: { text: stageText(round.stage, decides), classes: STAGE_TAGS[round.stage] },
    recordNumber: round.recordNumber,
    submittedAt: round.submittedAt ? formatUk(round.submittedAt) : null,
    recommended: round.recommendedCount,
    approved: round.approvedCount,
    declined: round.declinedCount,
    undecided: round.undecidedCount,
    budget: formatPence(round.budgetPence),
    approvedMoney: formatPence(round.approvedPence),
  };
}

function voteRoundRow(round: VoteDecisionRound, decides: boolean) {
  return {
    title: round.title,
    fundName: round.fundName,
    href: `/staff/rounds/${round.roundId}/vote/decision`,
    status: { text: stageText(round.stage, decides), classes: STAGE_TAGS[round.stage] },
    recordNumber: round.recordNumber,
    resultsPublishedAt: round.resultsPublishedAt ? formatUk(round.resultsPublishedAt) : null,
    areaCount: round.areaCount,
    budget: formatPence(round.budgetPence),
    awarded: round.awardedPence === null ? null : formatPence(round.awardedPence),
  };
}

/**
 * The decision maker's way in: every round whose recommendation has been sent, newest first,
 * with where its decision stands; public-vote rounds whose results are all published; and the
 * closed rounds whose recommendation is still to come.
 */
@Controller('staff/decisions')
@UseFilters(PageAccessFilter)
export class DecisionsIndexPagesController {
  constructor(private readonly decisionRounds: DecisionRounds) {}

  @Get()
  @StaffOnly(...DECISION_READERS)
  async list(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
  ) {
    const [rounds, voteRounds, awaiting] = await Promise.all([
      this.decisionRounds.list(),
      this.decisionRounds.voteRounds(),
      this.decisionRounds.awaiting(),
    ]);
    const decides = canDecide(staff);
    return renderPage(request, reply, 'staff/decisions/index.njk', {
      rounds: rounds.map((r) => roundRow(r, decides)),
      voteRounds: voteRounds.map((r) => voteRoundRow(r, decides)),
      awaiting: awaiting.map((r) => ({
        title: r.title,
        fundName: r.fundName,
        href: `/staff/rounds/${r.roundId}/decision`,
        closedOn: formatUkDate(r.closesAt),
      })),
      activeNav: 'staff-decisions',
    });
  }
}
