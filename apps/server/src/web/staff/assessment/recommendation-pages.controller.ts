import { RecommendationService } from '@grants/assessment';
import { formatUk, StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  FormErrors,
  formText,
  PageAccessFilter,
  parsePercentBp,
  renderPage,
  seeOther,
} from '../../forms';
import { ASSESSMENT_READERS, ASSESSMENT_WRITERS, canManageAssessment } from './assessment-roles';
import { collectProblems, doneBanner, errorView, refusalOf } from './page-problems';
import { reasonFieldId, recommendationPage } from './recommendation-view';
import { loadScoredRound, roundHeading } from './scored-round';

interface PageState {
  errors: FormErrors;
  /** Refusals of the whole list (over budget, already sent): the error summary only. */
  problems: { text: string }[];
  threshold?: { threshold: string; reason: string };
  move?: { applicationId: string; reason: string };
  done?: string;
}

const DONE: Record<string, string> = {
  threshold: 'Threshold changed.',
  moved: 'Recommendation changed.',
  submitted: 'Recommendation sent to the decision maker.',
  feedback: 'Feedback for the applicant saved.',
};

/**
 * The recommendation builder: the ranked list against the threshold in force and the money
 * available, moves in or out with reasons, and sending it to the decision maker as one package.
 */
@Controller('staff/rounds/:roundId/assessment/recommendation')
@UseFilters(PageAccessFilter)
export class RecommendationPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly recommendations: RecommendationService,
  ) {}

  @Get()
  @StaffOnly(...ASSESSMENT_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    return this.render(request, reply, round, staff, {
      errors: new FormErrors(),
      problems: [],
      done: doneBanner(DONE, done),
    });
  }

  @Post('threshold')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async threshold(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const body = asFormBody(raw);
    const values = { threshold: formText(body, 'threshold'), reason: formText(body, 'reason') };
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const bp = parsePercentBp(
      values.threshold,
      'threshold',
      {
        missing: 'Enter the threshold',
        invalid:
          'Enter the threshold as a percentage from 0 to 100, with at most two decimals, like 72.5',
      },
      errors,
    );
    if (!values.reason.trim())
      errors.add(
        'reason',
        'Enter why the threshold changes (for example, the volume of applications)',
      );
    let status = 422;
    if (bp !== null && errors.size === 0) {
      try {
        await this.recommendations.setThreshold(
          round.id,
          bp,
          values.reason,
          staffActor(staff.user),
        );
        return seeOther(reply, this.href(round, 'threshold'));
      } catch (error) {
        status = collectProblems(error, errors, problems, {
          threshold: 'threshold',
          reason: 'reason',
        });
      }
    }
    return this.render(
      request,
      reply,
      round,
      staff,
      { errors, problems, threshold: values },
      status,
    );
  }

  @Post('overrides/:applicationId')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async move(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const body = asFormBody(raw);
    const action = formText(body, 'action');
    const reason = formText(body, 'reason');
    const fieldId = reasonFieldId(applicationId);
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const include = action === 'in' ? true : action === 'out' ? false : null;
    let status = 422;
    if (!['in', 'out', 'undo'].includes(action))
      problems.push({ text: 'Choose whether to move the application in or out' });
    else if (include !== null && !reason.trim())
      errors.add(
        fieldId,
        include
          ? 'Enter why this application moves into the recommendation'
          : 'Enter why this application moves out of the recommendation',
      );
    else {
      try {
        await this.recommendations.setOverride(
          round.id,
          applicationId,
          include,
          reason,
          staffActor(staff.user),
        );
        return seeOther(reply, this.href(round, 'moved'));
      } catch (error) {
        status = collectProblems(error, errors, problems, { reason: fieldId });
      }
    }
    return this.render(
      request,
      reply,
      round,
      staff,
      { errors, problems, move: { applicationId, reason } },
      status,
    );
  }

  @Post('submit')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async submit(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const status = await refusalOf(
      () => this.recommendations.submit(round.id, staffActor(staff.user)),
      errors,
      problems,
    );
    if (status === null) return seeOther(reply, this.href(round, 'submitted'));
    return this.render(request, reply, round, staff, { errors, problems }, status);
  }

  private href(round: GrantRound, done: string): string {
    return `/staff/rounds/${round.id}/assessment/recommendation?done=${done}`;
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    staff: StaffContext,
    state: PageState,
    status = 200,
  ) {
    const [recommendation, feedback] = await Promise.all([
      this.recommendations.view(round.id),
      this.recommendations.feedback(round.id),
    ]);
    const page = recommendationPage(recommendation);
    return renderPage(
      request,
      reply,
      'staff/assessment/recommendation.njk',
      {
        round: roundHeading(round),
        ...page,
        submittedAt: recommendation.submittedAt ? formatUk(recommendation.submittedAt) : null,
        canChange: canManageAssessment(staff) && !page.submitted,
        canWriteFeedback: canManageAssessment(staff),
        feedback: Object.fromEntries(feedback),
        thresholdValues: state.threshold ?? { threshold: page.threshold, reason: '' },
        move: state.move ?? null,
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
