import { AllocationPlanView, AllocationsService } from '@grants/allocations';
import { DomainException, StaffOnly, ValidationException } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  FormErrors,
  formList,
  PageAccessFilter,
  renderPage,
  seeOther,
} from '../../forms';
import {
  IndicatorRow,
  indicatorFieldFor,
  indicatorRows,
  parseIndicatorsForm,
} from './allocation-forms';
import {
  AllocationPlanPage,
  errorSummary,
  isPublishedRefusal,
  PageProblem,
} from './allocation-plan-page';
import { ALLOCATION_WRITERS } from './allocation-roles';
import { allocationPath, roundAndPlan, roundHeading } from './allocation-round';
import { PartnerChoices } from './partner-choices';

/** A draft plan's partners (chosen from the organisations the round is for) and its indicators. */
@Controller('staff/rounds/:roundId/allocation')
@UseFilters(PageAccessFilter)
export class AllocationSetupPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
    private readonly choices: PartnerChoices,
    private readonly page: AllocationPlanPage,
  ) {}

  @Get('partners')
  @StaffOnly(...ALLOCATION_WRITERS)
  async partnersForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'draft') return seeOther(reply, allocationPath(round));
    const chosen = plan.partners.map((p) => p.organisationId);
    return this.renderPartners(request, reply, round, plan, chosen, new FormErrors(), []);
  }

  @Post('partners')
  @StaffOnly(...ALLOCATION_WRITERS)
  async savePartners(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan) return seeOther(reply, allocationPath(round));
    const ticked = formList(asFormBody(raw), 'organisationIds');
    // Partners kept stay in their place (it breaks ties); new ones follow in the list's order.
    const kept = plan.partners.map((p) => p.organisationId).filter((id) => ticked.includes(id));
    const chosen = [...kept, ...ticked.filter((id) => !kept.includes(id))];
    const errors = new FormErrors();
    const problems: PageProblem[] = [];
    let status = 422;
    if (chosen.length === 0) errors.add('organisationIds', 'Choose at least one partner');
    else
      try {
        await this.allocations.setPartners(staffActor(staff.user), plan.id, chosen);
        return seeOther(reply, `${allocationPath(round)}?done=partners`);
      } catch (error) {
        if (isPublishedRefusal(error))
          return this.page.refused(request, reply, staff, round, plan, error);
        status = onField(error, errors, 'organisationIds');
      }
    return this.renderPartners(request, reply, round, plan, chosen, errors, problems, status);
  }

  @Get('indicators')
  @StaffOnly(...ALLOCATION_WRITERS)
  async indicatorsForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'draft') return seeOther(reply, allocationPath(round));
    return this.renderIndicators(request, reply, round, indicatorRows(plan), new FormErrors(), []);
  }

  @Post('indicators')
  @StaffOnly(...ALLOCATION_WRITERS)
  async saveIndicators(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan) return seeOther(reply, allocationPath(round));
    const parsed = parseIndicatorsForm(asFormBody(raw));
    const problems: PageProblem[] = [];
    let status = 422;
    if (parsed.input)
      try {
        await this.allocations.setIndicators(staffActor(staff.user), plan.id, parsed.input);
        return seeOther(reply, `${allocationPath(round)}?done=indicators`);
      } catch (error) {
        if (isPublishedRefusal(error))
          return this.page.refused(request, reply, staff, round, plan, error);
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        const list =
          error instanceof ValidationException
            ? error.errors
            : [{ field: error.field ?? '', message: error.message }];
        for (const e of list)
          parsed.errors.add(indicatorFieldFor(e.field, parsed.sentRows), e.message);
        status = error.status;
      }
    return this.renderIndicators(
      request,
      reply,
      round,
      parsed.rows,
      parsed.errors,
      problems,
      status,
    );
  }

  private async renderPartners(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    plan: AllocationPlanView,
    chosen: string[],
    errors: FormErrors,
    problems: PageProblem[],
    status = 200,
  ) {
    const current = plan.partners.map((p) => p.organisationId);
    const choices = await this.choices.for(round, current);
    // The plan's partners first, in their order, then the rest by name.
    const ordered = [
      ...current.map((id) => choices.find((c) => c.id === id)!).filter(Boolean),
      ...choices.filter((c) => !current.includes(c.id)),
    ];
    return renderPage(
      request,
      reply,
      'staff/allocations/partners.njk',
      {
        round: roundHeading(round),
        items: ordered.map((c) => ({ value: c.id, text: c.name, checked: chosen.includes(c.id) })),
        hasValues: plan.values.length > 0,
        ...errorSummary(errors, problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }

  private renderIndicators(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    rows: IndicatorRow[],
    errors: FormErrors,
    problems: PageProblem[],
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'staff/allocations/indicators.njk',
      {
        round: roundHeading(round),
        rows,
        ...errorSummary(errors, problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}

/** A refusal about the partners (unknown, twice, too many for the minimum or maximum): on the list. */
function onField(error: unknown, errors: FormErrors, fieldId: string): number {
  if (!(error instanceof DomainException) || error.status >= 500) throw error;
  const list =
    error instanceof ValidationException ? error.errors.map((e) => e.message) : [error.message];
  for (const message of list) errors.add(fieldId, message);
  return error.status;
}
