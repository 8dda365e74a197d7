import { ApplicationNotFoundException } from '@grants/applications';
import { ApplicationScore, ModerationService, RoundScoresService } from '@grants/assessment';
import { StaffOnly } from '@grants/core';
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
import { collectProblems, errorView, spreadText } from './page-problems';
import { loadScoredRound, roundHeading } from './scored-round';

function moderationRow(score: ApplicationScore, roundId: string) {
  return {
    applicationId: score.applicationId,
    reference: score.reference,
    organisationName: score.organisationName,
    projectTitle: score.projectTitle,
    assessorCount: score.assessorCount,
    assessorsPercentage: score.assessorsPercentage,
    spread: spreadText(score.spreadBp),
    needsModeration: score.needsModeration,
    agreedPercentage: score.moderation?.agreedPercentage ?? null,
    note: score.moderation?.note ?? null,
    href: `/staff/rounds/${roundId}/assessment/moderation/${score.applicationId}`,
  };
}

/**
 * Moderation: applications whose assessors are further apart than the round allows, those still
 * to resolve first; an agreed score (optional) and a note resolve each one.
 */
@Controller('staff/rounds/:roundId/assessment/moderation')
@UseFilters(PageAccessFilter)
export class ModerationPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly scores: RoundScoresService,
    private readonly moderation: ModerationService,
  ) {}

  @Get()
  @StaffOnly(...ASSESSMENT_READERS)
  async list(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const flagged = (await this.scores.forRound(round.id)).filter((s) => s.flagged);
    const rows = flagged.map((s) => moderationRow(s, round.id));
    return renderPage(request, reply, 'staff/assessment/moderation.njk', {
      round: roundHeading(round),
      canManage: canManageAssessment(staff),
      open: rows.filter((r) => r.needsModeration),
      resolved: rows.filter((r) => !r.needsModeration),
      doneMessage: done === 'moderated' ? 'Moderation recorded.' : undefined,
      mode: 'list',
      activeNav: 'staff-rounds',
    });
  }

  @Get(':applicationId')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async form(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const score = await this.scoreOf(round, applicationId);
    const values = {
      agreedScore: score.moderation?.agreedPercentage ?? '',
      note: score.moderation?.note ?? '',
    };
    return this.renderForm(request, reply, round, score, values, new FormErrors(), []);
  }

  @Post(':applicationId')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async record(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const score = await this.scoreOf(round, applicationId);
    const body = asFormBody(raw);
    const values = { agreedScore: formText(body, 'agreedScore'), note: formText(body, 'note') };
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    // The agreed score is optional: a note alone resolves the flag and keeps the assessors' mean.
    const agreedScoreBp =
      values.agreedScore === ''
        ? null
        : parsePercentBp(
            values.agreedScore,
            'agreedScore',
            {
              missing: 'Enter the agreed score',
              invalid:
                'Enter the agreed score as a percentage from 0 to 100, with at most two decimals, like 65.5',
            },
            errors,
          );
    if (!values.note.trim())
      errors.add('note', 'Enter a note: how the assessors’ scores were resolved');
    let status = 422;
    if (errors.size === 0) {
      try {
        await this.moderation.record(
          score.applicationId,
          { agreedScoreBp, note: values.note },
          staffActor(staff.user),
        );
        return seeOther(reply, `/staff/rounds/${round.id}/assessment/moderation?done=moderated`);
      } catch (error) {
        status = collectProblems(error, errors, problems, {
          agreedScore: 'agreedScore',
          note: 'note',
        });
      }
    }
    return this.renderForm(request, reply, round, score, values, errors, problems, status);
  }

  /** Only an eligible application of this round is moderated here. */
  private async scoreOf(round: GrantRound, applicationId: string): Promise<ApplicationScore> {
    const score = (await this.scores.forRound(round.id)).find(
      (s) => s.applicationId === applicationId,
    );
    if (!score) throw new ApplicationNotFoundException();
    return score;
  }

  private renderForm(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    score: ApplicationScore,
    values: { agreedScore: string; note: string },
    errors: FormErrors,
    problems: { text: string }[],
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'staff/assessment/moderation.njk',
      {
        round: roundHeading(round),
        mode: 'form',
        application: moderationRow(score, round.id),
        values,
        ...errorView(errors, problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
