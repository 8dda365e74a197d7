import { AllocationsService } from '@grants/allocations';
import { DomainException, StaffOnly, ValidationException } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, StaffRequest } from '@grants/identity';
import { Controller, Get, Header, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage, seeOther } from '../../forms';
import { parseWhatIf, weightFieldId } from './allocation-forms';
import { errorSummary, PageProblem } from './allocation-plan-page';
import { ALLOCATION_READERS, canManageAllocation } from './allocation-roles';
import { allocationPath, roundAndPlan, roundHeading } from './allocation-round';
import { previewPage } from './allocation-view';

/**
 * Other weights tried on the plan: the allocation per partner, the change against the stored
 * weights and each partner's indicator breakdown. A GET form, as a search is: nothing is stored,
 * and the address can be shared ("what if crime counted for more?").
 */
@Controller('staff/rounds/:roundId/allocation/what-if')
@UseFilters(PageAccessFilter)
export class AllocationWhatIfPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
  ) {}

  @Get()
  @StaffOnly(...ALLOCATION_READERS)
  @Header('cache-control', 'no-store')
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.indicators.length === 0) return seeOther(reply, allocationPath(round));
    const asked = parseWhatIf(query ?? {}, plan.indicators);
    const problems: PageProblem[] = [];
    let preview = null;
    let status = asked.errors.has() ? 422 : 200;
    if (!asked.errors.has())
      try {
        preview = previewPage(await this.allocations.preview(plan.id, asked.weights));
      } catch (error) {
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        const list =
          error instanceof ValidationException
            ? error.errors
            : [{ field: error.field ?? '', message: error.message }];
        for (const e of list) {
          const key = e.field.startsWith('weights.') ? e.field.slice('weights.'.length) : null;
          if (key) asked.errors.add(weightFieldId(key), e.message);
          else
            problems.push({
              text: e.message,
              href:
                e.field === 'values' && canManageAllocation(staff)
                  ? allocationPath(round, 'values')
                  : undefined,
            });
        }
        status = error.status;
      }
    return renderPage(
      request,
      reply,
      'staff/allocations/what-if.njk',
      {
        round: roundHeading(round),
        published: plan.status === 'published',
        canManage: canManageAllocation(staff),
        weights: plan.indicators.map((i) => ({
          ...i,
          id: weightFieldId(i.key),
          value: asked.values[i.key],
        })),
        preview,
        ...errorSummary(asked.errors, problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
