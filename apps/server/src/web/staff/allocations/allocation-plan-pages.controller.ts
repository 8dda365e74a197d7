import { AllocationsService } from '@grants/allocations';
import { DecisionRecordsService } from '@grants/awards';
import { DomainException, StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { collectProblems, doneBanner } from '../assessment/page-problems';
import { SIGN_OFF_FIELDS, signOffValues } from '../decisions/sign-off-form';
import {
  parseSettingsForm,
  SETTINGS_FIELDS,
  SettingsValues,
  settingsValues,
} from './allocation-forms';
import {
  AllocationPlanPage,
  DONE,
  errorSummary,
  isPublishedRefusal,
  PageProblem,
} from './allocation-plan-page';
import {
  ALLOCATION_READERS,
  ALLOCATION_RECORD_PUBLISHERS,
  ALLOCATION_SIGNERS,
  ALLOCATION_WRITERS,
} from './allocation-roles';
import {
  allocationPath,
  loadAllocationRound,
  planOf,
  roundAndPlan,
  roundHeading,
} from './allocation-round';

/**
 * A round's allocation plan: started with its pot (the round's budget unless a smaller one is
 * typed), a minimum and a maximum per partner; published once as a numbered decision record.
 */
@Controller('staff/rounds/:roundId/allocation')
@UseFilters(PageAccessFilter)
export class AllocationPlanPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
    private readonly page: AllocationPlanPage,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get()
  @StaffOnly(...ALLOCATION_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    return this.page.render(request, reply, staff, round, plan, { done: doneBanner(DONE, done) });
  }

  @Post()
  @StaffOnly(...ALLOCATION_WRITERS)
  async create(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadAllocationRound(this.rounds, roundId);
    const parsed = parseSettingsForm(asFormBody(raw), true);
    const problems: PageProblem[] = [];
    let status = 422;
    if (parsed.settings) {
      try {
        await this.allocations.create(staffActor(staff.user), round.id, parsed.settings);
        return seeOther(reply, `${allocationPath(round)}?done=created`);
      } catch (error) {
        status = collectProblems(error, parsed.errors, problems, SETTINGS_FIELDS);
      }
    }
    const plan = await planOf(this.allocations, round.id);
    return this.page.render(
      request,
      reply,
      staff,
      round,
      plan,
      { errors: parsed.errors, problems, create: parsed.values },
      status,
    );
  }

  @Get('settings')
  @StaffOnly(...ALLOCATION_WRITERS)
  async settingsForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'draft') return seeOther(reply, allocationPath(round));
    return this.renderSettings(request, reply, round, settingsValues(plan), new FormErrors(), []);
  }

  @Post('settings')
  @StaffOnly(...ALLOCATION_WRITERS)
  async saveSettings(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan) return seeOther(reply, allocationPath(round));
    const parsed = parseSettingsForm(asFormBody(raw), false);
    const problems: PageProblem[] = [];
    let status = 422;
    if (parsed.settings) {
      try {
        await this.allocations.update(staffActor(staff.user), plan.id, parsed.settings);
        return seeOther(reply, `${allocationPath(round)}?done=settings`);
      } catch (error) {
        if (isPublishedRefusal(error))
          return this.page.render(
            request,
            reply,
            staff,
            round,
            plan,
            {
              problems: [{ text: error.message }],
            },
            error.status,
          );
        status = collectProblems(error, parsed.errors, problems, SETTINGS_FIELDS);
      }
    }
    return this.renderSettings(
      request,
      reply,
      round,
      parsed.values,
      parsed.errors,
      problems,
      status,
    );
  }

  @Post('publish')
  @StaffOnly(...ALLOCATION_SIGNERS)
  async publish(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan) return seeOther(reply, allocationPath(round));
    const signOff = signOffValues(raw);
    const errors = new FormErrors();
    const problems: PageProblem[] = [];
    try {
      await this.allocations.publish(staffActor(staff.user), plan.id, signOff);
      return seeOther(reply, `${allocationPath(round)}?done=published`);
    } catch (error) {
      const status = collectProblems(error, errors, problems, SIGN_OFF_FIELDS);
      const now = await planOf(this.allocations, round.id);
      return this.page.render(
        request,
        reply,
        staff,
        round,
        now,
        { errors, problems, signOff },
        status,
      );
    }
  }

  /** The published allocations' record made public, audited by the records service as any other. */
  @Post('publish-record')
  @StaffOnly(...ALLOCATION_RECORD_PUBLISHERS)
  async publishRecord(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'published') return seeOther(reply, allocationPath(round));
    try {
      await this.records.publish(round.id, staffActor(staff.user));
      return seeOther(reply, `${allocationPath(round)}?done=record-published`);
    } catch (error) {
      if (!(error instanceof DomainException) || error.status >= 500) throw error;
      return this.page.refused(request, reply, staff, round, plan, error);
    }
  }

  private renderSettings(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    values: SettingsValues,
    errors: FormErrors,
    problems: PageProblem[],
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'staff/allocations/settings.njk',
      {
        round: roundHeading(round),
        values,
        ...errorSummary(errors, problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
