import { answerRows, AppraisalService } from '@grants/applications';
import {
  AssessmentCriterion,
  AssessorAssignment,
  ConflictNotDeclaredException,
  CriterionScore,
  ScoresLockedException,
  ScoringService,
} from '@grants/assessment';
import { DomainException, formatUk, StaffOnly, ValidationException } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, PageAccessFilter, renderPage, seeOther } from '../forms';
import {
  addScoringErrors,
  commentFieldId,
  parseScoringForm,
  savedScoringValues,
  ScoringFormValues,
  scoreFieldId,
} from './scoring-form';

type Opened = Awaited<ReturnType<ScoringService['open']>>;

/**
 * The scoring page: the application's answers, then each criterion with its guidance, a score
 * and a comment. Saved as the assessor goes; submitted scores are shown read-only.
 */
@Controller('assessments')
@UseFilters(PageAccessFilter)
export class ScoringPagesController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly appraisal: AppraisalService,
  ) {}

  @Get(':id')
  @StaffOnly('assessor')
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Query('done') done?: unknown,
  ) {
    const opened = await this.open(staff, id);
    if (!opened) return seeOther(reply, `/assessments/${id}/declaration`);
    const values = savedScoringValues(opened.criteria, opened.scores);
    return this.render(request, reply, opened, values, new FormErrors(), [], 200, {
      doneMessage: done === 'saved' ? 'Your scores have been saved.' : undefined,
    });
  }

  @Post(':id')
  @StaffOnly('assessor')
  async save(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const opened = await this.open(staff, id);
    if (!opened) return seeOther(reply, `/assessments/${id}/declaration`);
    const form = parseScoringForm(asFormBody(raw), opened.criteria);
    const problems: { text: string }[] = [];
    let status = 422;
    if (opened.assignment.status === 'submitted') return this.locked(request, reply, opened);
    if (!form.errors.has()) {
      const actor = staffActor(staff.user);
      try {
        if (form.input.length > 0)
          await this.scoring.save(opened.assignment.id, staff.user, form.input, actor);
        if (form.action === 'submit') {
          await this.scoring.submit(opened.assignment.id, staff.user, actor);
          return seeOther(reply, '/assessments?done=submitted');
        }
        return seeOther(reply, `/assessments/${opened.assignment.id}?done=saved`);
      } catch (error) {
        if (error instanceof ScoresLockedException) return this.locked(request, reply, opened);
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        status = error.status;
        if (error instanceof ValidationException)
          addScoringErrors(form.errors, error.errors, opened.criteria, form.values);
        else problems.push({ text: error.message });
      }
    }
    // What was saved before the refusal (a save that went through before a refused submit).
    const now = (await this.open(staff, id)) ?? opened;
    return this.render(request, reply, now, form.values, form.errors, problems, status);
  }

  /** Submitted meanwhile (another tab): the locked scores, saying why nothing changed. */
  private async locked(request: StaffRequest, reply: FastifyReply, opened: Opened) {
    const now = await this.scoring.open(opened.assignment.id, { id: opened.assignment.assessorId });
    const values = savedScoringValues(now.criteria, now.scores);
    return this.render(
      request,
      reply,
      now,
      values,
      new FormErrors(),
      [{ text: new ScoresLockedException().message }],
      409,
    );
  }

  /** Null before the declaration; someone else's or a conflicted one is a 404 from the domain. */
  private async open(staff: StaffContext, id: string): Promise<Opened | null> {
    try {
      return await this.scoring.open(id, staff.user);
    } catch (error) {
      if (error instanceof ConflictNotDeclaredException) return null;
      throw error;
    }
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    opened: Opened,
    values: ScoringFormValues,
    errors: FormErrors,
    problems: { text: string }[],
    status: number,
    extra: object = {},
  ) {
    const { assignment, criteria, scores } = opened;
    const application = await this.appraisal.get(assignment.applicationId);
    return renderPage(
      request,
      reply,
      'assessors/scoring.njk',
      {
        assignment: { id: assignment.id, status: assignment.status },
        submittedUk: submittedUk(assignment),
        application: {
          reference: application.reference,
          projectTitle: application.projectTitle,
          organisationName: application.organisation.name,
          roundTitle: application.round.title,
          answers: answerRows(application),
        },
        criteria: criteria.map((c) => criterionView(c, values, scores)),
        errors: [...problems, ...errors.summary()],
        fieldErrors: errors.messages(),
        activeNav: 'assessments',
        ...extra,
      },
      status,
    );
  }
}

function submittedUk(assignment: AssessorAssignment): string | null {
  return assignment.status === 'submitted' && assignment.submittedAt
    ? formatUk(assignment.submittedAt)
    : null;
}

function criterionView(
  criterion: AssessmentCriterion,
  values: ScoringFormValues,
  scores: CriterionScore[],
) {
  const saved = scores.find((s) => s.criterionId === criterion.id);
  return {
    id: criterion.id,
    title: criterion.title,
    guidance: criterion.guidance,
    maxScore: criterion.maxScore,
    weight: criterion.weight,
    scoreId: scoreFieldId(criterion.id),
    commentId: commentFieldId(criterion.id),
    value: values[criterion.id] ?? { score: '', comment: '' },
    saved: saved ? { score: saved.score, comment: saved.comment } : null,
  };
}
