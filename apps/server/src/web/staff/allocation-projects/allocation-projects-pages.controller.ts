import { AllocationProjectsService, AllocationsService } from '@grants/allocations';
import { ApplicationNotFoundException } from '@grants/applications';
import { DomainException, formatPence, StaffOnly } from '@grants/core';
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
import { poundsText } from '../allocations/allocation-forms';
import { ALLOCATION_READERS } from '../allocations/allocation-roles';
import { allocationPath, roundHeading } from '../allocations/allocation-round';
import {
  collectProblems,
  errorView,
  FormProblems,
  noFormProblems,
} from '../assessment/page-problems';
import { canDecide, DECISION_MAKERS } from '../decisions/decision-roles';
import {
  APPROVE_FIELDS,
  ApproveValues,
  DECLINE_FIELDS,
  parseApproveForm,
} from './allocation-project-forms';
import { findProject, ledgerRow, projectRow, projectsPage } from './allocation-projects-view';
import { loadPublishedAllocation } from './published-allocation';

/** The form that was sent and refused, as typed, so the page shows it again beside its errors. */
interface DecideState extends FormProblems {
  approve?: ApproveValues;
  reason?: string;
}

/**
 * Partners' projects within a published allocation: each partner's money and projects for the
 * office to read; the decision maker approves a project (up to what it asked for and what the
 * partner has left) or declines it with the reason the partner is sent.
 */
@Controller('staff/rounds/:roundId/allocation/projects')
@UseFilters(PageAccessFilter)
export class AllocationProjectsPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
    private readonly projects: AllocationProjectsService,
  ) {}

  @Get()
  @StaffOnly(...ALLOCATION_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
    @Query('project') projectId?: unknown,
  ) {
    const { round, planId } = await loadPublishedAllocation(this.rounds, this.allocations, roundId);
    const view = planId ? await this.projects.view(planId) : null;
    // Named only from the plan's own projects, so the query cannot put words on the page.
    const decided = view && typeof projectId === 'string' ? findProject(view, projectId) : null;
    let doneMessage: string | undefined;
    if (decided && done === 'approved')
      doneMessage = `${decided.project.reference} approved: ${formatPence(decided.project.approvedPence ?? 0)} offered to ${decided.partner.name}, who has been emailed the offer.`;
    else if (decided && done === 'declined')
      doneMessage = `${decided.project.reference} declined. ${decided.partner.name} has been emailed the reason.`;
    return renderPage(request, reply, 'staff/allocation-projects/projects.njk', {
      round: roundHeading(round),
      published: view !== null,
      page: view ? projectsPage(view) : null,
      canDecide: canDecide(staff),
      doneMessage,
      activeNav: 'staff-rounds',
    });
  }

  @Get(':applicationId')
  @StaffOnly(...DECISION_MAKERS)
  async decidePage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
  ) {
    return this.renderDecide(request, reply, roundId, applicationId, noFormProblems());
  }

  @Post(':applicationId/approve')
  @StaffOnly(...DECISION_MAKERS)
  async approve(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const { round } = await this.decidable(roundId, applicationId);
    const { values, errors, amountPence } = parseApproveForm(raw);
    const problems: { text: string }[] = [];
    let status = 422;
    if (amountPence !== null) {
      try {
        await this.projects.approve(staffActor(staff.user), applicationId, {
          amountPence,
          note: values.note,
        });
        return seeOther(reply, this.done(round, 'approved', applicationId));
      } catch (error) {
        // More than the round's budget has left is about the amount typed, as going past the allocation is.
        if (error instanceof DomainException && error.code === 'budget_exceeded') {
          errors.add('amount', error.message);
          status = error.status;
        } else status = collectProblems(error, errors, problems, APPROVE_FIELDS);
      }
    }
    return this.renderDecide(
      request,
      reply,
      roundId,
      applicationId,
      { errors, problems, approve: values },
      status,
    );
  }

  @Post(':applicationId/decline')
  @StaffOnly(...DECISION_MAKERS)
  async decline(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const { round } = await this.decidable(roundId, applicationId);
    const reason = formText(asFormBody(raw), 'reason');
    const state: DecideState = { ...noFormProblems(), reason };
    try {
      await this.projects.decline(staffActor(staff.user), applicationId, { reason });
      return seeOther(reply, this.done(round, 'declined', applicationId));
    } catch (error) {
      const status = collectProblems(error, state.errors, state.problems, DECLINE_FIELDS);
      return this.renderDecide(request, reply, roundId, applicationId, state, status);
    }
  }

  /** The round, and the project's place in its published plan: a project of another round is not here. */
  private async decidable(roundId: string, applicationId: string) {
    const { round, planId } = await loadPublishedAllocation(this.rounds, this.allocations, roundId);
    const view = planId ? await this.projects.view(planId) : null;
    const found = view ? findProject(view, applicationId) : null;
    if (!view || !found) throw new ApplicationNotFoundException();
    return { round, view, ...found };
  }

  private async renderDecide(
    request: StaffRequest,
    reply: FastifyReply,
    roundId: string,
    applicationId: string,
    state: DecideState,
    status = 200,
  ) {
    // Read again after a refusal: the figures are what stopped it, as they stand now.
    const { round, partner, project } = await this.decidable(roundId, applicationId);
    return renderPage(
      request,
      reply,
      'staff/allocation-projects/decide.njk',
      {
        round: roundHeading(round),
        partner: { name: partner.name, ...ledgerRow(partner) },
        project: projectRow(project),
        approveValues: state.approve ?? {
          amount: poundsText(project.requestedPence),
          note: '',
        },
        reason: state.reason ?? '',
        ...errorView(state.errors ?? new FormErrors(), state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }

  private done(round: GrantRound, what: 'approved' | 'declined', applicationId: string) {
    return `${allocationPath(round, 'projects')}?done=${what}&project=${applicationId}`;
  }
}
