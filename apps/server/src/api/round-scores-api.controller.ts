import { RoundScoresDto, RoundScoresService } from '@grants/assessment';
import { StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { Controller, Get, Header, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ROLES, ROUND_NOT_FOUND, SCORE_READERS } from './assessment-api.roles';
import { roundScoresView } from './assessment-api.views';

/** The scores overview of a round: what the recommendation is built from. */
@ApiTags('assessment (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff/rounds/:roundId/scores')
export class RoundScoresApiController {
  constructor(
    private readonly scores: RoundScoresService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @StaffOnly(...SCORE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: "Every eligible application's score, ranked, with its band",
    description:
      'From submitted assessments only. The score is the mean over assessors of each one’s weighted percentage; the band is decided on the exact score, so 69.995% is reserve, shown as 69.99.',
  })
  @ApiOkResponse({ type: RoundScoresDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(SCORE_READERS))
  async list(@Param('roundId') roundId: string): Promise<RoundScoresDto> {
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    return roundScoresView(round, await this.scores.forRound(round.id));
  }
}
