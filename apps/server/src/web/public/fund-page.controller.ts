import { DecisionRecordsService } from '@grants/awards';
import { Public } from '@grants/core';
import { FundsService, fundView, roundView, RoundsService } from '@grants/funds';
import { Controller, Get, Param } from '@nestjs/common';
import { Page } from '../../bootstrap/page-context.interceptor';
import { recordSummary } from './decision-record-pages.controller';

/** A fund and its public rounds: open, opening soon (scheduled) and closed. */
@Controller('funds')
export class FundPageController {
  constructor(
    private readonly funds: FundsService,
    private readonly rounds: RoundsService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get(':slug')
  @Public()
  @Page('pages/fund.njk')
  async fund(@Param('slug') slug: string) {
    const fund = await this.funds.getBySlug(slug);
    const rounds = await this.rounds.list({ fundId: fund.id });
    const published = await this.records.published(rounds.map((r) => r.id));
    const byStatus = (status: string) => rounds.filter((r) => r.status === status);
    return {
      fund: fundView(fund),
      descriptionParagraphs: paragraphs(fund.description),
      open: byStatus('open')
        .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime())
        .map(roundView),
      openingSoon: byStatus('scheduled')
        .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())
        .map(roundView),
      closed: byStatus('closed')
        .sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())
        .map(roundView),
      // A decided round links to its published record (by round id).
      decisions: Object.fromEntries(published.map((r) => [r.roundId, recordSummary(r)])),
    };
  }
}

/** Text as typed by staff, split on blank lines (autoescaped in the template, never raw HTML). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
