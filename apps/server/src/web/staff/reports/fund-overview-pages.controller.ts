import { formatPence, formatUkDate, StaffOnly } from '@grants/core';
import { ROUND_STATUS_LABELS } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import { FundOverviewService, whole } from '@grants/reports';
import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { REPORT_READERS } from './report-roles';

const numeric = (text: string | number, classes?: string) => ({
  text: typeof text === 'number' ? whole(text) : text,
  format: 'numeric',
  ...(classes ? { classes } : {}),
});

/** Every fund with a table of its rounds and what each received and awarded, and a total row. */
@Controller('staff/reports')
@UseFilters(PageAccessFilter)
export class FundOverviewPagesController {
  constructor(private readonly overview: FundOverviewService) {}

  @Get()
  @StaffOnly(...REPORT_READERS)
  async list(@Req() request: StaffRequest, @Res() reply: FastifyReply) {
    const funds = await this.overview.overview();
    return renderPage(request, reply, 'staff/reports/funds.njk', {
      funds: funds.map((fund) => ({
        name: fund.name,
        owningOffice: fund.owningOffice,
        roundCount: fund.rounds.length,
        rows: [
          ...fund.rounds.map((r) => [
            {
              html: `<a class="govuk-link" href="/staff/rounds/${r.roundId}/report">${escapeHtml(r.title)}<span class="govuk-visually-hidden"> round report</span></a>`,
            },
            { text: ROUND_STATUS_LABELS[r.status] },
            { text: formatUkDate(r.closesAt) },
            numeric(r.received),
            numeric(r.awarded),
            numeric(formatPence(r.awardedPence)),
            numeric(formatPence(r.budgetPence)),
          ]),
          [
            { text: 'Total', classes: 'app-table__total', colspan: 3 },
            numeric(fund.totals.received, 'app-table__total'),
            numeric(fund.totals.awarded, 'app-table__total'),
            numeric(formatPence(fund.totals.awardedPence), 'app-table__total'),
            numeric(formatPence(fund.totals.budgetPence), 'app-table__total'),
          ],
        ],
      })),
      activeNav: 'staff-reports',
    });
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
