import {
  Clock,
  formatCalendarDate,
  formatPence,
  formatUkDate,
  isUuid,
  StaffOnly,
} from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import {
  GrantPaymentsService,
  GrantSummary,
  GrantViewsService,
  isRagStatus,
  RagStatus,
  returnTitle,
} from '@grants/monitoring';
import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { canPay, GRANT_READERS } from './grant-roles';
import { portfolioRow, ragTag } from './grant-view';

type RagFilter = RagStatus | 'none';

const RAG_FILTERS: { value: RagFilter; text: string }[] = [
  { value: 'red', text: 'Red' },
  { value: 'amber', text: 'Amber' },
  { value: 'green', text: 'Green' },
  { value: 'none', text: 'No return yet' },
];

/** A filter from the query string; anything else (a typo, a hand-made URL) means no filter. */
function ragFilterOf(value: unknown): RagFilter | undefined {
  return value === 'none' || isRagStatus(value) ? value : undefined;
}

function ragOf(g: GrantSummary): RagFilter {
  return g.rag ?? 'none';
}

/**
 * The office's lists of live grants: the portfolio by RAG status, the returns waiting for an
 * officer or overdue, and the instalments finance can pay now.
 */
@Controller('staff')
@UseFilters(PageAccessFilter)
export class PortfolioPagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly payments: GrantPaymentsService,
    private readonly clock: Clock,
  ) {}

  @Get('grants')
  @StaffOnly(...GRANT_READERS)
  async portfolio(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('rag') ragParam?: unknown,
    @Query('round') roundParam?: unknown,
  ) {
    const rag = ragFilterOf(ragParam);
    // Only a round that has live grants can be chosen, so the list of them comes from the grants.
    const all = await this.views.portfolio({}, this.clock.now());
    const rounds = [...new Map(all.map((g) => [g.roundId, g.roundTitle])).entries()]
      .map(([id, title]) => ({ id, title }))
      .sort((a, b) => a.title.localeCompare(b.title));
    const roundId =
      typeof roundParam === 'string' &&
      isUuid(roundParam) &&
      rounds.some((r) => r.id === roundParam)
        ? roundParam
        : undefined;
    const inRound = roundId ? all.filter((g) => g.roundId === roundId) : all;
    const shown = rag ? inRound.filter((g) => ragOf(g) === rag) : inRound;
    const filterHref = (value: RagFilter) =>
      `/staff/grants?rag=${value}${roundId ? `&round=${roundId}` : ''}`;
    return renderPage(request, reply, 'staff/grants/portfolio.njk', {
      counts: RAG_FILTERS.map((f) => ({
        ...f,
        tag: f.value === 'none' ? ragTag(null, null) : ragTag(f.value, 'officer'),
        count: inRound.filter((g) => ragOf(g) === f.value).length,
        href: filterHref(f.value),
      })),
      total: inRound.length,
      grants: shown.map(portfolioRow),
      filtered: Boolean(rag || roundId),
      ragItems: [
        { value: '', text: 'Any status', selected: !rag },
        ...RAG_FILTERS.map((f) => ({ value: f.value, text: f.text, selected: f.value === rag })),
      ],
      roundItems: [
        { value: '', text: 'All rounds', selected: !roundId },
        ...rounds.map((r) => ({ value: r.id, text: r.title, selected: r.id === roundId })),
      ],
      roundTitle: roundId ? rounds.find((r) => r.id === roundId)?.title : undefined,
      ragText: rag ? RAG_FILTERS.find((f) => f.value === rag)?.text : undefined,
      activeNav: 'staff-grants',
    });
  }

  @Get('returns')
  @StaffOnly(...GRANT_READERS)
  async returns(@Req() request: StaffRequest, @Res() reply: FastifyReply) {
    const { toReview, overdue } = await this.views.returnsQueue(this.clock.now());
    const row = (r: (typeof toReview)[number]) => ({
      grantHref: `/staff/grants/${r.awardId}`,
      reviewHref: `/staff/grants/${r.awardId}/returns/${r.id}`,
      title: returnTitle(r),
      reference: r.reference,
      organisationName: r.organisationName,
      period: `${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)}`,
      dueOn: formatCalendarDate(r.dueOn),
      submittedOn: r.submittedAt ? formatUkDate(new Date(r.submittedAt)) : '',
      rag: ragTag(r.granteeRag, 'grantee'),
    });
    return renderPage(request, reply, 'staff/grants/returns.njk', {
      toReview: toReview.map(row),
      overdue: overdue.map(row),
      activeNav: 'staff-grants',
    });
  }

  @Get('payments')
  @StaffOnly(...GRANT_READERS)
  async paymentsDue(@Req() request: StaffRequest, @Res() reply: FastifyReply) {
    const rows = (await this.payments.due()).map((p) => ({
      grantHref: `/staff/grants/${p.awardId}`,
      payHref: `/staff/grants/${p.awardId}/payments/${p.id}`,
      reference: p.award.application.reference,
      organisationName: p.award.application.organisation.name,
      projectTitle: p.award.application.projectTitle,
      label: p.label,
      amount: formatPence(p.amountPence),
      amountPence: p.amountPence,
      dueSince: p.dueSince ? formatUkDate(p.dueSince) : '',
    }));
    return renderPage(request, reply, 'staff/grants/payments.njk', {
      payments: rows,
      total: formatPence(rows.reduce((sum, r) => sum + r.amountPence, 0)),
      canPay: request.staff ? canPay(request.staff) : false,
      activeNav: 'staff-grants',
    });
  }
}
