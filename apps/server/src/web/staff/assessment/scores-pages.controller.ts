import { rankByScore, RoundScoresService } from '@grants/assessment';
import { StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { ASSESSMENT_READERS } from './assessment-roles';
import { bandSummary, scoreRow, scoresCsv } from './score-overview';
import { loadScoredRound, roundHeading } from './scored-round';

/** A spreadsheet opens a UTF-8 file as UTF-8 only when it starts with the byte order mark. */
const UTF8_BOM = '\uFEFF';

/** "CSF-DIV-scores.csv": the fund's and round's codes, nothing a header could trip on. */
function csvFilename(round: GrantRound): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]/g, '');
  return `${[safe(round.fund.code), safe(round.code)].filter((p) => p).join('-')}-scores.csv`;
}

/** Every eligible application's score in a round, ranked, by band, with a chart and a CSV. */
@Controller('staff/rounds/:roundId/assessment')
@UseFilters(PageAccessFilter)
export class ScoresPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly scores: RoundScoresService,
  ) {}

  @Get('scores')
  @StaffOnly(...ASSESSMENT_READERS)
  async overview(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const { ranked, unscored } = await this.table(round);
    return renderPage(request, reply, 'staff/assessment/scores.njk', {
      round: roundHeading(round),
      ranked,
      unscored,
      moderationCount: ranked.filter((r) => r.needsModeration).length,
      bands: bandSummary(ranked.map((r) => ({ band: r.band }))),
      csvHref: `/staff/rounds/${round.id}/assessment/scores.csv`,
      csvFilename: csvFilename(round),
      activeNav: 'staff-rounds',
    });
  }

  @Get('scores.csv')
  @StaffOnly(...ASSESSMENT_READERS)
  async csv(@Res() reply: FastifyReply, @Param('roundId') roundId: string) {
    const round = await loadScoredRound(this.rounds, roundId);
    const { ranked, unscored } = await this.table(round);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFilename(round)}"`)
      .header('cache-control', 'no-store')
      .send(UTF8_BOM + scoresCsv([...ranked, ...unscored]));
  }

  private async table(round: GrantRound) {
    const all = await this.scores.forRound(round.id);
    const ranked = rankByScore(all).map((s, i) => scoreRow(s, i + 1));
    const unscored = all.filter((s) => s.score === null).map((s) => scoreRow(s, null));
    return { ranked, unscored };
  }
}
