import { ApplicationQueueService } from '@grants/applications';
import { StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { ALL_STATUSES, queueLink } from './queue-filter';
import { APPLICATION_READERS } from './staff-roles';

/** A spreadsheet opens a UTF-8 file as UTF-8 only when it starts with the byte order mark. */
const UTF8_BOM = '\uFEFF';

/** "CSF-DIV-applications.csv": the fund's and round's codes, nothing a header could trip on. */
export function csvFilename(round: Pick<GrantRound, 'code'> & { fund: { code: string } }): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]/g, '');
  return `${[safe(round.fund.code), safe(round.code)].filter((p) => p).join('-')}-applications.csv`;
}

/** A round's applications at a glance: counts by status and area, and the CSV export. */
@Controller('staff/rounds')
@UseFilters(PageAccessFilter)
export class RoundApplicationsPagesController {
  constructor(
    private readonly queue: ApplicationQueueService,
    private readonly rounds: RoundsService,
  ) {}

  @Get(':id/applications')
  @StaffOnly(...APPLICATION_READERS)
  async summary(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const round = await this.rounds.get(id, { includeDrafts: true });
    const counts = await this.queue.counts(round.id);
    const drafts = counts.byStatus.find((s) => s.status === 'draft')?.count ?? 0;
    return renderPage(request, reply, 'staff/applications/round-summary.njk', {
      round: { id: round.id, title: round.title, fundName: round.fund.name },
      byStatus: counts.byStatus
        .filter((s) => s.status !== 'draft')
        .map((s) => ({
          ...s,
          href: queueLink({ roundId: round.id, status: s.status }),
        })),
      sent: counts.total - drafts,
      drafts,
      byArea: counts.byArea.map((a) => ({
        ...a,
        href: queueLink({ roundId: round.id, areaId: a.areaId ?? '', status: ALL_STATUSES }),
      })),
      allHref: queueLink({ roundId: round.id, status: ALL_STATUSES }),
      csvHref: `/staff/rounds/${round.id}/applications.csv`,
      csvFilename: csvFilename(round),
      activeNav: 'staff-applications',
    });
  }

  @Get(':id/applications.csv')
  @StaffOnly(...APPLICATION_READERS)
  async csv(@Res() reply: FastifyReply, @Param('id') id: string) {
    const round = await this.rounds.get(id, { includeDrafts: true });
    const csv = await this.queue.csv(round.id);
    return (
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFilename(round)}"`)
        // Names, addresses and contacts: not for shared caches, nor the browser's.
        .header('cache-control', 'no-store')
        .send(UTF8_BOM + csv)
    );
  }
}
