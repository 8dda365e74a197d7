import { Clock, formatPence, InvalidAmountError, parsePence, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import {
  AwardClosureService,
  CLOSURE_OUTCOMES,
  ClosureInput,
  GrantDetail,
  GrantViewsService,
} from '@grants/monitoring';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, formText, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { errorView, FormProblems, noFormProblems, refusalOf } from '../assessment/page-problems';
import { grantHeading } from './grant-pages.controller';
import { GRANT_OFFICERS } from './grant-roles';

interface ClosureFormValues {
  outcome: string;
  returned: string;
  note: string;
}

const CLOSURE_FIELDS: Record<string, string> = {
  outcome: 'outcome',
  returned: 'returned',
  note: 'note',
};

/**
 * Closing a live grant with its final outcome and any unspent money paid back: what it never
 * used goes back to the round's budget.
 */
@Controller('staff/grants/:awardId/close')
@UseFilters(PageAccessFilter)
export class ClosurePagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly closure: AwardClosureService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @StaffOnly(...GRANT_OFFICERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('awardId') awardId: string,
  ) {
    const detail = await this.views.detail(awardId, this.clock.now());
    const values = { outcome: '', returned: '0.00', note: '' };
    return this.render(request, reply, detail, values, noFormProblems());
  }

  @Post()
  @StaffOnly(...GRANT_OFFICERS)
  async close(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('awardId') awardId: string,
    @Body() raw: unknown,
  ) {
    const detail = await this.views.detail(awardId, this.clock.now());
    const body = asFormBody(raw);
    const values: ClosureFormValues = {
      outcome: formText(body, 'outcome'),
      returned: formText(body, 'returned'),
      note: formText(body, 'note'),
    };
    const state = noFormProblems();
    // The outcome is checked here too, so an empty form shows every box to fill in at once.
    if (!(CLOSURE_OUTCOMES as readonly string[]).includes(values.outcome))
      state.errors.add('outcome', 'Choose whether the project was completed or ended early');
    const returnedPence = readReturned(values.returned, state);
    if (returnedPence === null || state.errors.has())
      return this.render(request, reply, detail, values, state, 422);
    const status = await refusalOf(
      () =>
        this.closure.close(staffActor(staff.user), detail.award.id, {
          // Anything else is refused by the service, on the outcome radios.
          outcome: values.outcome as ClosureInput['outcome'],
          returnedPence,
          note: values.note,
        }),
      state.errors,
      state.problems,
      CLOSURE_FIELDS,
    );
    if (status === null) return seeOther(reply, `/staff/grants/${detail.award.id}?done=closed`);
    return this.render(request, reply, detail, values, state, status);
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    detail: GrantDetail,
    values: ClosureFormValues,
    state: FormProblems,
    status = 200,
  ) {
    const finalReport = detail.returns.find((r) => r.kind === 'final');
    return renderPage(
      request,
      reply,
      'staff/grants/close.njk',
      {
        grant: {
          ...grantHeading(detail),
          amount: formatPence(detail.award.amountPence),
          paid: formatPence(detail.summary.paidPence),
          due: formatPence(detail.duePence),
        },
        live: detail.award.status === 'accepted',
        finalReportAccepted: finalReport?.status === 'accepted',
        values,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-grants',
      },
      status,
    );
  }
}

/** Money paid back in pounds; 0 when none was (an empty box is a question not answered). */
function readReturned(text: string, state: FormProblems): number | null {
  if (text === '') {
    state.errors.add('returned', 'Enter the unspent money paid back, or 0');
    return null;
  }
  try {
    return parsePence(text);
  } catch (error) {
    if (!(error instanceof InvalidAmountError)) throw error;
    state.errors.add('returned', 'Enter the money paid back in pounds, like £250.00, or 0');
    return null;
  }
}
