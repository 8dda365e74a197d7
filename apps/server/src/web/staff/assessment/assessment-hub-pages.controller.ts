import { AssessmentCriterion, rubricErrors, RubricService } from '@grants/assessment';
import { DomainException, formatUk, StaffOnly, ValidationException } from '@grants/core';
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
import { ASSESSMENT_READERS, ASSESSMENT_WRITERS, canManageAssessment } from './assessment-roles';
import {
  addRubricErrors,
  CriterionRowValues,
  parseRubricForm,
  RUBRIC_ROWS,
  rubricFormRows,
  rowFieldId,
  weightTotal,
} from './rubric-form';
import { doneBanner } from './page-problems';
import { loadScoredRound, roundHeading } from './scored-round';

const DONE_MESSAGES: Record<string, string> = {
  rubric: 'Scoring criteria saved.',
  standard: 'The standard scoring criteria have been set for this round.',
  'publish-scores': 'Setting saved: whether applicants are told their score.',
};

/** The round's assessment at a glance (its rubric and where to go next), and editing the rubric. */
@Controller('staff/rounds/:roundId/assessment')
@UseFilters(PageAccessFilter)
export class AssessmentHubPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly rubric: RubricService,
  ) {}

  @Get()
  @StaffOnly(...ASSESSMENT_READERS)
  async hub(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    return this.renderHub(request, reply, round, staff, {
      errors: new FormErrors(),
      done: doneBanner(DONE_MESSAGES, done),
    });
  }

  /** Whether the decision notices tell applicants their score. */
  @Post('publish-scores')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async publishScores(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const answer = formText(asFormBody(raw), 'publishScores');
    if (answer !== 'yes' && answer !== 'no') {
      const errors = new FormErrors().add(
        'publishScores',
        'Choose whether applicants are told their score with the decision',
      );
      return this.renderHub(request, reply, round, staff, { errors }, 422);
    }
    await this.rubric.setPublishScores(round.id, answer === 'yes', staffActor(staff.user));
    return seeOther(reply, `/staff/rounds/${round.id}/assessment?done=publish-scores`);
  }

  @Get('rubric')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async rubricForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const criteria = await this.rubric.criteria(round.id);
    return this.renderRubric(request, reply, round, rubricFormRows(criteria), new FormErrors());
  }

  @Post('rubric')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async saveRubric(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const parsed = parseRubricForm(asFormBody(raw));
    let status = 422;
    if (parsed.input) {
      try {
        await this.rubric.replace(round.id, parsed.input, staffActor(staff.user));
        return seeOther(reply, `/staff/rounds/${round.id}/assessment?done=rubric`);
      } catch (error) {
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        status = error.status;
        if (error instanceof ValidationException) addRubricErrors(parsed, error.errors);
        // Frozen meanwhile: the page says so in place of the form.
        else parsed.errors.add('criteria', error.message);
      }
    } else {
      // The numbers could not be read: still say what is wrong with the titles and guidance.
      addRubricErrors(
        parsed,
        rubricErrors(parsed.criteria).filter((e) => /\.(title|guidance)$/.test(e.field)),
      );
    }
    return this.renderRubric(request, reply, round, parsed.rows, parsed.errors, status);
  }

  @Post('rubric/standard')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async useStandard(
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    // ensure() keeps criteria already set, so a second click changes nothing.
    await this.rubric.ensure(round.id, staffActor(staff.user));
    return seeOther(reply, `/staff/rounds/${round.id}/assessment?done=standard`);
  }

  private async renderHub(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    staff: StaffContext,
    state: { errors: FormErrors; done?: string },
    status = 200,
  ) {
    const [criteria, settings] = await Promise.all([
      this.rubric.criteria(round.id),
      this.rubric.settings(round.id),
    ]);
    return renderPage(
      request,
      reply,
      'staff/assessment/hub.njk',
      {
        round: roundHeading(round),
        criteria: criteria.map(criterionView),
        frozenSince: settings.rubricFrozenAt ? formatUk(settings.rubricFrozenAt) : null,
        publishScores: settings.publishScores,
        canManage: canManageAssessment(staff),
        doneMessage: state.done,
        errors: state.errors.summary(),
        fieldErrors: state.errors.messages(),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }

  private async renderRubric(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    rows: CriterionRowValues[],
    errors: FormErrors,
    status = 200,
  ) {
    const settings = await this.rubric.settings(round.id);
    const messages = errors.messages();
    return renderPage(
      request,
      reply,
      'staff/assessment/rubric.njk',
      {
        round: roundHeading(round),
        frozenSince: settings.rubricFrozenAt ? formatUk(settings.rubricFrozenAt) : null,
        rows: rows.map((values, i) => ({
          number: i + 1,
          values,
          ids: {
            title: rowFieldId(i, 'title'),
            guidance: rowFieldId(i, 'guidance'),
            maxScore: rowFieldId(i, 'maxScore'),
            weight: rowFieldId(i, 'weight'),
          },
        })),
        rowCount: RUBRIC_ROWS,
        weightTotal: weightTotal(rows),
        errors: errors.summary(),
        fieldErrors: messages,
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}

function criterionView(c: AssessmentCriterion) {
  return { title: c.title, guidance: c.guidance, maxScore: c.maxScore, weight: c.weight };
}
