import { ApplicationNotFoundException } from '@grants/applications';
import { RecommendationService } from '@grants/assessment';
import { isUuid, StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  FormErrors,
  formText,
  PageAccessFilter,
  renderPage,
  seeOther,
} from '../../forms';
import { errorView, refusalOf } from '../assessment/page-problems';
import { loadScoredRound, roundHeading } from '../assessment/scored-round';
import { FEEDBACK_WRITERS } from './decision-roles';

/** Where the officer came from, and goes back to once the feedback is saved. */
type Back = 'recommendation' | 'decision';

function backOf(value: unknown): Back {
  return value === 'decision' ? 'decision' : 'recommendation';
}

function backHref(round: GrantRound, back: Back): string {
  return back === 'decision'
    ? `/staff/rounds/${round.id}/decision`
    : `/staff/rounds/${round.id}/assessment/recommendation`;
}

/**
 * The grants officer's feedback for an applicant, sent with the decision (a decline especially):
 * what would make a stronger application next time. Written until the decision is signed off.
 */
@Controller('staff/rounds/:roundId/recommendation/:applicationId/feedback')
@UseFilters(PageAccessFilter)
export class FeedbackPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly recommendations: RecommendationService,
  ) {}

  @Get()
  @StaffOnly(...FEEDBACK_WRITERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Query('back') back?: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const feedback = (await this.recommendations.feedback(round.id)).get(applicationId) ?? '';
    return this.render(request, reply, round, applicationId, {
      feedback,
      back: backOf(back),
      errors: new FormErrors(),
      problems: [],
    });
  }

  @Post()
  @StaffOnly(...FEEDBACK_WRITERS)
  async save(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const body = asFormBody(raw);
    const back = backOf(formText(body, 'back'));
    const feedback = formText(body, 'feedback');
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const status = await refusalOf(
      () =>
        this.recommendations.setFeedback(round.id, applicationId, feedback, staffActor(staff.user)),
      errors,
      problems,
      { feedback: 'feedback' },
    );
    if (status === null) return seeOther(reply, `${backHref(round, back)}?done=feedback`);
    return this.render(
      request,
      reply,
      round,
      applicationId,
      { feedback, back, errors, problems },
      status,
    );
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    applicationId: string,
    state: { feedback: string; back: Back; errors: FormErrors; problems: { text: string }[] },
    status = 200,
  ) {
    // Only a scored application of this round has feedback to write.
    const row = isUuid(applicationId)
      ? (await this.recommendations.view(round.id)).rows.find(
          (r) => r.applicationId === applicationId,
        )
      : undefined;
    if (!row) throw new ApplicationNotFoundException();
    return renderPage(
      request,
      reply,
      'staff/decisions/feedback.njk',
      {
        round: roundHeading(round),
        application: {
          id: row.applicationId,
          reference: row.reference,
          organisationName: row.organisationName,
          projectTitle: row.projectTitle,
          percentage: row.percentage,
          closed: row.status !== 'eligible',
        },
        feedback: state.feedback,
        back: state.back,
        backHref: backHref(round, state.back),
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
