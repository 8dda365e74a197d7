import { DecisionRecordsService } from '@grants/awards';
import { Public } from '@grants/core';
import { roundView, RoundsService, RoundView } from '@grants/funds';
import { CurrentStaff, StaffContext } from '@grants/identity';
import { Controller, Get, Param, Render } from '@nestjs/common';
import { recordSummary } from './decision-record-pages.controller';
import { paragraphs } from './fund-page.controller';

/** A round as applicants see it. Drafts are not found, except by signed-in staff (a preview). */
@Controller('rounds')
export class RoundPageController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get(':id')
  @Public()
  @Render('pages/round.njk')
  async round(@Param('id') id: string, @CurrentStaff() staff?: StaffContext) {
    const round = await this.rounds.get(id, { includeDrafts: Boolean(staff) });
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
