import {
  AllocationProjectsService,
  AllocationReleaseService,
  AllocationsService,
} from '@grants/allocations';
import { formatPence, StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FormErrors, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { ALLOCATION_READERS } from '../allocations/allocation-roles';
import { allocationPath, roundHeading } from '../allocations/allocation-round';
import {
  collectProblems,
  doneBanner,
  errorView,
  noFormProblems,
} from '../assessment/page-problems';
import { canDecide, DECISION_MAKERS } from '../decisions/decision-roles';
import { parseReleaseForm, RELEASE_FIELDS, ReleaseValues } from './allocation-project-forms';
import { ledgerRow, releasablePartners, releaseRows } from './allocation-projects-view';
import { loadPublishedAllocation } from './published-allocation';

const DONE: Record<string, string> = {
  released: 'Unspent allocation released back to the pot. It can no longer be approved.',
};

/**
 * Giving partners' unspent allocation back to the pot at year end, by a decision the decision
 * maker records with its reasons and declarations; the office reads the releases made.
 */
@Controller('staff/rounds/:roundId/allocation/releases')
@UseFilters(PageAccessFilter)
export class AllocationReleasePagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
    private readonly projects: AllocationProjectsService,
    private readonly releases: AllocationReleaseService,
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
    return this.render(request, reply, staff, roundId, null, noFormProblems(), 200, done);
  }

  @Post()
  @StaffOnly(...DECISION_MAKERS)
  async release(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, planId } = await loadPublishedAllocation(this.rounds, this.allocations, roundId);
    const { values, errors, input } = parseReleaseForm(raw);
    const problems: { text: string }[] = [];
    let status = 422;
    if (input) {
      if (!planId) return seeOther(reply, allocationPath(round, 'releases'));
      try {
        await this.releases.release(staffActor(staff.user), planId, input);
        return seeOther(reply, `${allocationPath(round, 'releases')}?done=released`);
      } catch (error) {
        status = collectProblems(error, errors, problems, RELEASE_FIELDS);
      }
    }
    return this.render(request, reply, staff, roundId, values, { errors, problems }, status);
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    roundId: string,
    values: ReleaseValues | null,
    state: { errors: FormErrors; problems: { text: string }[] },
    status: number,
    done?: unknown,
  ) {
    const { round, planId } = await loadPublishedAllocation(this.rounds, this.allocations, roundId);
    const view = planId ? await this.projects.view(planId) : null;
    const releasable = view ? releasablePartners(view.partners) : [];
    const chosen = values?.organisationIds ?? releasable.map((p) => p.organisationId);
    const pendingPence = releasable.reduce((sum, p) => sum + p.pendingPence, 0);
    const canRelease = canDecide(staff) && releasable.length > 0;
    // With no form on the page (all released meanwhile), a refusal cannot link to its field.
    const shown = canRelease
      ? errorView(state.errors, state.problems)
      : errorView(new FormErrors(), [
          ...state.problems,
          ...state.errors.summary().map((e) => ({ text: e.text })),
        ]);
    return renderPage(
      request,
      reply,
      'staff/allocation-projects/releases.njk',
      {
        round: roundHeading(round),
        published: view !== null,
        totals: view ? ledgerRow(view.totals) : null,
        partnerItems: releasable.map((p) => ({
          value: p.organisationId,
          text: p.name,
          hint: { text: `${p.unspent} unspent of ${p.allocation} (${p.approved} approved)` },
          checked: chosen.includes(p.organisationId),
        })),
        waiting: pendingPence > 0 ? formatPence(pendingPence) : null,
        releases: view ? releaseRows(view.releases) : [],
        canRelease,
        values: values ?? {
          title: `${round.title}: release of unspent allocations`,
          summary: '',
          declarations: '',
        },
        doneMessage: doneBanner(DONE, done),
        ...shown,
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
