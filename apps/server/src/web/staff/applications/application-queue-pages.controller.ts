import {
  ApplicationQueueService,
  APPLICATION_STATUS_LABELS,
  QUEUE_PAGE_SIZE,
} from '@grants/applications';
import { StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { queueRow } from './application-page-views';
import { ALL_STATUSES, describeSelection, QUEUE_STATUSES, readQueueQuery } from './queue-filter';
import { APPLICATION_READERS } from './staff-roles';

/** The appraisal queue: every sent application, filtered by round, area and status. */
@Controller('staff/applications')
@UseFilters(PageAccessFilter)
export class ApplicationQueuePagesController {
  constructor(
    private readonly queue: ApplicationQueueService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @StaffOnly(...APPLICATION_READERS)
  async list(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Query() query: unknown) {
    // Drafts never took applications, so only rounds the public has seen are offered.
    const rounds = await this.rounds.list();
    const selection = readQueueQuery(query, rounds);
    const applications = await this.queue.list(selection.filter);
    return renderPage(request, reply, 'staff/applications/queue.njk', {
      rows: applications.map(queueRow),
      full: applications.length >= QUEUE_PAGE_SIZE,
      pageSize: QUEUE_PAGE_SIZE,
      notices: selection.notices,
      selection: {
        roundChosen: selection.round !== null,
        description: describeSelection(selection),
      },
      roundItems: [
        { value: '', text: 'All rounds', selected: selection.roundId === '' },
        ...rounds.map((r) => ({
          value: r.id,
          text: `${r.title} (${r.fund.name})`,
          selected: r.id === selection.roundId,
        })),
      ],
      areaItems: selection.round?.areas.length
        ? [
            { value: '', text: 'All areas', selected: selection.areaId === '' },
            ...selection.round.areas.map((a) => ({
              value: a.id,
              text: a.name,
              selected: a.id === selection.areaId,
            })),
          ]
        : null,
      statusItems: [
        ...QUEUE_STATUSES.map((s) => ({
          value: s,
          text: s === 'submitted' ? 'Awaiting appraisal' : APPLICATION_STATUS_LABELS[s],
          selected: s === selection.status,
        })),
        { value: ALL_STATUSES, text: 'All statuses', selected: selection.status === ALL_STATUSES },
      ],
      activeNav: 'staff-applications',
    });
  }
}
