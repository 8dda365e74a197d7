import { Clock, formatCalendarDate, formatPence, formatUkDate, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import {
  AwardVariation,
  AwardVariationsService,
  GrantDetail,
  GrantViewsService,
  VariationNotFoundException,
} from '@grants/monitoring';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, formText, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { errorView, FormProblems, noFormProblems, refusalOf } from '../assessment/page-problems';
import { grantHeading } from './grant-pages.controller';
import { GRANT_OFFICERS } from './grant-roles';
import { variationChanges, variationStatusTag } from './grant-view';

interface DecisionFormValues {
  decision: string;
  reason: string;
}

/** The reason is the only box the service refuses; an amount it cannot allow is a problem. */
const DECISION_FIELDS: Record<string, string> = { reason: 'reason' };

/**
 * A change the grantee asked for, and the officer's decision: approve (the award, its budget
 * commitment and instalments change at once) or decline, with the reason.
 */
@Controller('staff/grants/:awardId/variations/:variationId')
@UseFilters(PageAccessFilter)
export class VariationPagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly variations: AwardVariationsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @StaffOnly(...GRANT_OFFICERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('awardId') awardId: string,
    @Param('variationId') variationId: string,
  ) {
    const { detail, variation } = await this.load(awardId, variationId);
    const values = { decision: '', reason: '' };
    return this.render(request, reply, detail, variation, values, noFormProblems());
  }

  @Post()
  @StaffOnly(...GRANT_OFFICERS)
  async decide(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('awardId') awardId: string,
    @Param('variationId') variationId: string,
    @Body() raw: unknown,
  ) {
    const { detail, variation } = await this.load(awardId, variationId);
    const body = asFormBody(raw);
    const values: DecisionFormValues = {
      decision: formText(body, 'decision'),
      reason: formText(body, 'reason'),
    };
    const state = noFormProblems();
    if (values.decision !== 'approve' && values.decision !== 'decline') {
      state.errors.add('decision', 'Choose whether to approve or decline the change');
      return this.render(request, reply, detail, variation, values, state, 422);
    }
    const approve = values.decision === 'approve';
    const status = await refusalOf(
      () => this.variations.decide(staffActor(staff.user), variation.id, approve, values.reason),
      state.errors,
      state.problems,
      DECISION_FIELDS,
    );
    if (status === null)
      return seeOther(
        reply,
        `/staff/grants/${detail.award.id}?done=${approve ? 'approved' : 'declined'}`,
      );
    return this.render(request, reply, detail, variation, values, state, status);
  }

  /** The request, only under its own grant's address. */
  private async load(awardId: string, variationId: string) {
    const detail = await this.views.detail(awardId, this.clock.now());
    const variation = await this.variations.get(variationId);
    if (variation.awardId !== detail.award.id) throw new VariationNotFoundException();
    return { detail, variation };
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    detail: GrantDetail,
    variation: AwardVariation,
    values: DecisionFormValues,
    state: FormProblems,
    status = 200,
  ) {
    const { award } = detail;
    return renderPage(
      request,
      reply,
      'staff/grants/variation.njk',
      {
        grant: {
          ...grantHeading(detail),
          amount: formatPence(award.amountPence),
          paid: formatPence(detail.summary.paidPence),
          endOn: award.plannedEndOn ? formatCalendarDate(award.plannedEndOn) : 'Not set',
        },
        variation: {
          requestedOn: formatUkDate(variation.createdAt),
          changes: variationChanges(variation),
          reason: variation.reason,
          status: variationStatusTag(variation.status),
          decidedOn: variation.decidedAt ? formatUkDate(variation.decidedAt) : '',
          decisionReason: variation.decisionReason ?? '',
          open: variation.status === 'requested' && award.status === 'accepted',
        },
        values,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-grants',
      },
      status,
    );
  }
}
