import { DecisionRecordsService } from '@grants/awards';
import { pageContextOf, Public } from '@grants/core';
import { roundView, RoundsService, RoundView } from '@grants/funds';
import { CurrentStaff, StaffContext } from '@grants/identity';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { PublicPageCache } from './public-page-cache';
import { recordSummary } from './decision-record-pages.controller';
import { paragraphs } from './fund-page.controller';

/**
 * A round as applicants see it. Drafts are not found, except by signed-in staff (a preview).
 * Visitors who are not signed in get the page from PublicPageCache (rendered once every few
 * seconds, with their own nonce).
 */
@Controller('rounds')
export class RoundPageController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly records: DecisionRecordsService,
    private readonly cache: PublicPageCache,
  ) {}

  @Get(':id')
  @Public()
  async round(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff?: StaffContext,
  ) {
    if (staff || (request as { applicant?: unknown }).applicant)
      return reply.view(TEMPLATE, {
        ...pageContextOf(request, reply),
        ...(await this.content(id, Boolean(staff))),
      });
    return this.cache.serve(reply, `round:${id}`, async (slots) => {
      const content = await this.content(id, false);
      const html = await reply.viewAsync(TEMPLATE, { ...slots, ...content });
      return { html, until: nextChange(content.round) };
    });
  }

  private async content(id: string, includeDrafts: boolean) {
    const round = await this.rounds.get(id, { includeDrafts });
    const view = roundView(round);
    const record = await this.records.forRound(round.id);
    return {
      round: view,
      descriptionParagraphs: paragraphs(round.description),
      isPreview: round.status === 'draft',
      budgetRows: budgetRows(view),
      areaTable: areaTable(view),
      // Only once published: a signed-off record is not public before then.
      decision: record?.publishedAt ? recordSummary(record) : null,
    };
  }
}

const TEMPLATE = 'pages/round.njk';

/** The round's next opening or closing time, when its page changes by itself. */
function nextChange(round: RoundView): Date | null {
  const now = Date.now();
  return (
    [round.opensAt, round.closesAt].map((t) => new Date(t)).find((t) => t.getTime() > now) ?? null
  );
}

/** Rows for govukTable: each contribution, then the total (numbers right-aligned). */
export function budgetRows(round: RoundView) {
  return [
    ...round.budgetContributions.map((c) => [
      { text: c.sourceName },
      { text: c.amountDisplay, format: 'numeric' },
    ]),
    [
      { text: 'Total', classes: 'app-table__total' },
      { text: round.budgetDisplay, format: 'numeric', classes: 'app-table__total' },
    ],
  ];
}

/** The areas table, with the cap and shortlist columns only when some area has one. */
export function areaTable(round: RoundView) {
  const withCaps = round.areas.some((a) => a.budgetCapDisplay !== null);
  const withShortlists =
    round.decisionMethod === 'public-vote' && round.areas.some((a) => a.shortlistSize !== null);
  const head = [
    { text: 'Area' },
    { text: 'Focus issue' },
    ...(withCaps ? [{ text: 'Up to', format: 'numeric' }] : []),
    ...(withShortlists ? [{ text: 'Shortlisted projects', format: 'numeric' }] : []),
  ];
  const rows = round.areas.map((a) => [
    { text: a.name },
    { text: a.focusIssue },
    ...(withCaps ? [{ text: a.budgetCapDisplay ?? 'No cap', format: 'numeric' }] : []),
    ...(withShortlists
      ? [{ text: a.shortlistSize === null ? '-' : String(a.shortlistSize), format: 'numeric' }]
      : []),
  ]);
  return { head, rows };
}
