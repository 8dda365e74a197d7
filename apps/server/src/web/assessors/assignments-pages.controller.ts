import {
  AssessorAssignment,
  AssignmentNotFoundException,
  AssignmentsService,
} from '@grants/assessment';
import { DomainException, StaffOnly, ValidationException } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, formText, PageAccessFilter, renderPage, seeOther } from '../forms';
import { assignmentRow } from './assignment-views';

/** The banner after each step; the key comes back in the redirect's query string. */
const DONE_MESSAGES: Record<string, string> = {
  conflict: 'Conflict recorded. The grants officer will reassign this application.',
  submitted: 'Scores submitted. Thank you.',
};

/**
 * The assessor's list of what is assigned to them, and the declaration of interests they make
 * before they can open an application. Only ever their own assignments.
 */
@Controller('assessments')
@UseFilters(PageAccessFilter)
export class AssignmentsPagesController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @StaffOnly('assessor')
  async list(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Query('done') done?: unknown,
  ) {
    const mine = await this.assignments.forAssessor(staff.user.id);
    return renderPage(request, reply, 'assessors/list.njk', {
      assignments: mine.map(assignmentRow),
      doneMessage:
        typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done)
          ? DONE_MESSAGES[done]
          : undefined,
      activeNav: 'assessments',
    });
  }

  @Get(':id/declaration')
  @StaffOnly('assessor')
  async declarationForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
  ) {
    const assignment = await this.own(staff, id);
    if (assignment.status !== 'awaiting-declaration')
      return seeOther(reply, `/assessments/${assignment.id}`);
    return this.render(request, reply, assignment, { conflict: '', note: '' }, new FormErrors());
  }

  @Post(':id/declaration')
  @StaffOnly('assessor')
  async declare(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const assignment = await this.own(staff, id);
    if (assignment.status !== 'awaiting-declaration')
      return seeOther(reply, `/assessments/${assignment.id}`);
    const body = asFormBody(raw);
    const choice = formText(body, 'conflict');
    const values = { conflict: choice, note: formText(body, 'note') };
    const errors = new FormErrors();
    let status = 422;
    if (choice !== 'yes' && choice !== 'no')
      errors.add(
        'conflict',
        `Select yes if you have a conflict of interest with ${assignment.application.organisation.name}`,
      );
    else {
      const conflict = choice === 'yes';
      try {
        await this.assignments.declare(
          assignment.id,
          staff.user,
          // A note typed and then answered "No" is not a declaration: it is not kept.
          { conflict, note: conflict ? values.note : undefined },
          staffActor(staff.user),
        );
        return seeOther(
          reply,
          conflict ? '/assessments?done=conflict' : `/assessments/${assignment.id}`,
        );
      } catch (error) {
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        status = error.status;
        if (error instanceof ValidationException)
          for (const e of error.errors)
            errors.add(e.field === 'note' ? 'note' : 'conflict', e.message);
        else errors.add('conflict', error.message);
      }
    }
    return this.render(request, reply, assignment, values, errors, status);
  }

  /** The assessor's own assignment, or the same 404 as one that does not exist (or a conflict). */
  private async own(staff: StaffContext, id: string): Promise<AssessorAssignment> {
    const mine = await this.assignments.forAssessor(staff.user.id);
    const assignment = mine.find((a) => a.id === id);
    if (!assignment || assignment.status === 'conflict') throw new AssignmentNotFoundException();
    return assignment;
  }

  /** The page carries a little CSS of its own (the note revealed under "Yes"), allowed by its nonce. */
  private render(
    request: StaffRequest,
    reply: FastifyReply,
    assignment: AssessorAssignment,
    values: { conflict: string; note: string },
    errors: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'assessors/declaration.njk',
      {
        assignment: assignmentRow(assignment),
        values,
        errors: errors.summary(),
        fieldErrors: errors.messages(),
        styleNonce: reply.cspNonce?.style,
        activeNav: 'assessments',
      },
      status,
    );
  }
}
