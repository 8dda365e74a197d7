import { AllocationProjectsService, PartnerAllocationView } from '@grants/allocations';
import { ApplicantOnly, Clock, formatPence, formatUk } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import { OrganisationsService } from '@grants/organisations';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { renderPage } from '../forms';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';

/**
 * "Your allocations": what a partner organisation was allocated in each allocation round and
 * what it can still ask for, with the way into the round's application. Only its members see it;
 * for anyone else the organisation is not there (404), as on every organisation page.
 */
@Controller('organisations')
@UseFilters(ApplicantPageAccessFilter)
export class OrganisationAllocationPagesController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly projects: AllocationProjectsService,
    private readonly rounds: RoundsService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/allocations')
  @ApplicantOnly()
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    const organisation = await this.organisations.get(current.applicant, id);
    const allocations = await this.projects.forOrganisation(current.applicant, organisation.id);
    const rows = [];
    for (const a of allocations)
      rows.push(this.row(a, await this.rounds.get(a.roundId, { includeDrafts: true })));
    return renderPage(request, reply, 'applicants/organisations/allocations.njk', {
      activeNav: 'organisations',
      organisation: { id: organisation.id, name: organisation.name },
      allocations: rows,
    });
  }

  private row(a: PartnerAllocationView, round: GrantRound) {
    const now = this.clock.now();
    const open = round.status === 'open' && round.closesAt > now;
    return {
      id: `allocation-${a.planId}`,
      roundId: a.roundId,
      roundTitle: a.roundTitle,
      allocation: formatPence(a.allocationPence),
      requested: formatPence(a.requestedPence),
      pending: formatPence(a.pendingPence),
      approved: formatPence(a.approvedPence),
      paid: formatPence(a.paidPence),
      released: formatPence(a.releasedPence),
      available: formatPence(a.availableToRequestPence),
      open,
      canStart: open && a.availableToRequestPence > 0,
      roundState: roundState(round, open),
    };
  }
}

/** When the partner can send projects in, in UK time. */
function roundState(round: GrantRound, open: boolean): string {
  if (open) return `Applications close ${formatUk(round.closesAt)} (UK time).`;
  if (round.status === 'scheduled')
    return `Applications open ${formatUk(round.opensAt)} (UK time).`;
  if (round.status === 'draft') return 'Applications to this round have not opened yet.';
  return `Applications closed ${formatUk(round.closesAt)} (UK time).`;
}
