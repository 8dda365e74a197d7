import { ApplicationNotFoundException } from '@grants/applications';
import {
  AssignmentNotFoundException,
  AssignmentsService,
  RubricService,
  ScoringService,
} from '@grants/assessment';
import { formatUk, isUuid, StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  FormErrors,
  formList,
  formText,
  PageAccessFilter,
  renderPage,
  seeOther,
} from '../../forms';
import { ASSESSMENT_READERS, ASSESSMENT_WRITERS, canManageAssessment } from './assessment-roles';
import {
  ASSIGNMENT_STATUS_LABELS,
  ASSIGNMENT_STATUS_TAGS,
  AssignmentBoard,
  BoardEntry,
} from './assignment-board';
import { collectProblems, errorView } from './page-problems';
import { loadScoredRound, roundHeading } from './scored-round';

interface SpreadValues {
  perApplication: string;
  assessorIds: string[];
}

interface PageState {
  spread: SpreadValues;
  errors: FormErrors;
  /** Problems that belong to no one field (no criteria yet, someone else got there first). */
  problems: { text: string }[];
  assign?: { applicationId: string; assessorId: string };
  done?: string;
}

/** The select that assigns one more assessor to an application by hand. */
function assignFieldId(applicationId: string): string {
  return `assign-${applicationId}`;
}

/**
 * Who scores what in a round: every eligible application with its assessors (conflicts shown,
 * to reassign), spreading N assessors per application, assigning one by hand, and reopening
 * submitted scores with a reason.
 */
@Controller('staff/rounds/:roundId/assessment/assignments')
@UseFilters(PageAccessFilter)
export class AssignmentsPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly rubric: RubricService,
    private readonly assignments: AssignmentsService,
    private readonly scoring: ScoringService,
    private readonly board: AssignmentBoard,
  ) {}

  @Get()
  @StaffOnly(...ASSESSMENT_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
    @Query('made') made?: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    return this.render(request, reply, round, staff, {
      spread: { perApplication: '2', assessorIds: [] },
      errors: new FormErrors(),
      problems: [],
      done: doneMessage(done, made),
    });
  }

  @Post('spread')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async spread(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const body = asFormBody(raw);
    const spread = {
      perApplication: formText(body, 'perApplication'),
      assessorIds: formList(body, 'assessorIds'),
    };
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    if (spread.assessorIds.length === 0)
      errors.add('assessorIds', 'Choose the assessors to share the applications between');
    const perApplication = /^\d{1,3}$/.test(spread.perApplication)
      ? Number(spread.perApplication)
      : NaN;
    if (spread.perApplication === '')
      errors.add('perApplication', 'Enter how many assessors should score each application');
    else if (Number.isNaN(perApplication))
      errors.add('perApplication', 'Enter a whole number of assessors, like 2');
    let status = 422;
    if (errors.size === 0) {
      try {
        const made = await this.assignments.spread(
          round.id,
          perApplication,
          spread.assessorIds,
          staffActor(staff.user),
        );
        return seeOther(
          reply,
          `/staff/rounds/${round.id}/assessment/assignments?done=spread&made=${made}`,
        );
      } catch (error) {
        status = collectProblems(error, errors, problems, {
          perApplication: 'perApplication',
          assessorIds: 'assessorIds',
        });
      }
    }
    return this.render(request, reply, round, staff, { spread, errors, problems }, status);
  }

  @Post('assign')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async assign(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const body = asFormBody(raw);
    const applicationId = formText(body, 'applicationId');
    const assessorId = formText(body, 'assessorId');
    const entries = await this.board.forRound(round.id);
    const entry = entries.find((e) => e.application.id === applicationId);
    if (!entry) throw new ApplicationNotFoundException();
    const fieldId = assignFieldId(applicationId);
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    let status = 422;
    if (!assessorId)
      errors.add(
        fieldId,
        `Choose an assessor for ${entry.application.reference ?? 'this application'}`,
      );
    else {
      try {
        await this.assignments.assign(applicationId, [assessorId], staffActor(staff.user));
        return seeOther(reply, `/staff/rounds/${round.id}/assessment/assignments?done=assigned`);
      } catch (error) {
        status = collectProblems(error, errors, problems, {
          assessorIds: fieldId,
          applicationId: fieldId,
        });
      }
    }
    return this.render(
      request,
      reply,
      round,
      staff,
      {
        spread: { perApplication: '2', assessorIds: [] },
        errors,
        problems,
        assign: { applicationId, assessorId },
      },
      status,
    );
  }

  @Get(':assignmentId/reopen')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async reopenForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Param('assignmentId') assignmentId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const assignment = await this.loadAssignment(round, assignmentId);
    if (assignment.status !== 'submitted')
      return seeOther(reply, `/staff/rounds/${round.id}/assessment/assignments`);
    return this.renderReopen(request, reply, round, assignment, '', new FormErrors(), []);
  }

  @Post(':assignmentId/reopen')
  @StaffOnly(...ASSESSMENT_WRITERS)
  async reopen(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('assignmentId') assignmentId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const assignment = await this.loadAssignment(round, assignmentId);
    const reason = formText(asFormBody(raw), 'reason');
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    let status: number;
    try {
      await this.scoring.reopen(assignment.id, reason, staffActor(staff.user));
      return seeOther(reply, `/staff/rounds/${round.id}/assessment/assignments?done=reopened`);
    } catch (error) {
      status = collectProblems(error, errors, problems, { reason: 'reason' });
    }
    const now = await this.loadAssignment(round, assignmentId);
    return this.renderReopen(request, reply, round, now, reason, errors, problems, status);
  }

  /** A refusal the person can act on, on its field or as a problem; anything else goes up. */
  private async loadAssignment(round: GrantRound, id: string) {
    const assignment = isUuid(id) ? await this.board.assignment(id) : null;
    if (!assignment || assignment.application.roundId !== round.id)
      throw new AssignmentNotFoundException();
    return assignment;
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    staff: StaffContext,
    state: PageState,
    status = 200,
  ) {
    const [entries, assessors, criteria] = await Promise.all([
      this.board.forRound(round.id),
      this.board.assessors(),
      this.rubric.criteria(round.id),
    ]);
    const canManage = canManageAssessment(staff);
    return renderPage(
      request,
      reply,
      'staff/assessment/assignments.njk',
      {
        round: roundHeading(round),
        hasCriteria: criteria.length > 0,
        canManage,
        applications: entries.map((entry) => applicationRow(entry, assessors, state, canManage)),
        needsReassigning: entries.filter((e) => e.assignments.some((a) => a.status === 'conflict'))
          .length,
        assessorItems: assessors.map((a) => ({
          value: a.id,
          text: `${a.displayName} (${a.email})`,
          checked: state.spread.assessorIds.includes(a.id),
        })),
        spread: state.spread,
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }

  private renderReopen(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    assignment: Awaited<ReturnType<AssignmentsPagesController['loadAssignment']>>,
    reason: string,
    errors: FormErrors,
    problems: { text: string }[],
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'staff/assessment/reopen.njk',
      {
        round: roundHeading(round),
        assignment: {
          id: assignment.id,
          assessorName: assignment.assessor.displayName,
          reference: assignment.application.reference,
          projectTitle: assignment.application.projectTitle,
          organisationName: assignment.application.organisation.name,
          submittedAt: assignment.submittedAt ? formatUk(assignment.submittedAt) : null,
          submitted: assignment.status === 'submitted',
        },
        values: { reason },
        ...errorView(errors, problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}

function doneMessage(done: unknown, made: unknown): string | undefined {
  if (done === 'spread') {
    const n = typeof made === 'string' && /^\d{1,6}$/.test(made) ? Number(made) : null;
    if (n === 0) return 'Every application already had enough assessors: no assignments made.';
    return n === null
      ? 'Assessors assigned.'
      : `${n} ${n === 1 ? 'assignment' : 'assignments'} made. The assessors see them in their list.`;
  }
  if (done === 'assigned') return 'Assessor assigned.';
  if (done === 'reopened') return 'Scores reopened. The assessor can change them and submit again.';
  return undefined;
}

function applicationRow(
  { application, assignments }: BoardEntry,
  assessors: { id: string; displayName: string }[],
  state: PageState,
  canManage: boolean,
) {
  const taken = new Set(assignments.map((a) => a.assessorId));
  const fieldId = assignFieldId(application.id);
  const chosen = state.assign?.applicationId === application.id ? state.assign.assessorId : '';
  const available = assessors.filter((a) => !taken.has(a.id));
  return {
    id: application.id,
    reference: application.reference,
    projectTitle: application.projectTitle,
    organisationName: application.organisation.name,
    active: assignments.filter((a) => a.status !== 'conflict').length,
    assignments: assignments.map((a) => ({
      id: a.id,
      assessorName: a.assessor.displayName,
      status: a.status,
      statusLabel: ASSIGNMENT_STATUS_LABELS[a.status],
      statusTag: ASSIGNMENT_STATUS_TAGS[a.status],
      conflictNote: a.status === 'conflict' ? a.conflictNote : null,
      canReopen: canManage && a.status === 'submitted',
    })),
    assign:
      canManage && available.length > 0
        ? {
            fieldId,
            items: [
              { value: '', text: 'Choose an assessor', selected: chosen === '' },
              ...available.map((a) => ({
                value: a.id,
                text: a.displayName,
                selected: a.id === chosen,
              })),
            ],
          }
        : null,
  };
}
