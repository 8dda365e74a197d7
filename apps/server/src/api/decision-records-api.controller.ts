import { DecisionRecordDto, DecisionRecordListDto, DecisionRecordsService } from '@grants/awards';
import { Public } from '@grants/core';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { decisionRecordView } from './decisions-api.views';

/** Published decision records: open to anyone, as the public and the Police and Crime Panel read them. */
@ApiTags('decision records')
@Controller('api/v1/decision-records')
export class DecisionRecordsApiController {
  constructor(private readonly records: DecisionRecordsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published decision records, newest first' })
  @ApiOkResponse({ type: DecisionRecordListDto })
  async list(): Promise<DecisionRecordListDto> {
    return { records: (await this.records.published()).map(decisionRecordView) };
  }

  @Get(':number')
  @Public()
  @ApiOperation({ summary: 'A published decision record by its number, e.g. DR-2023-001' })
  @ApiOkResponse({ type: DecisionRecordDto })
  @ApiNotFoundResponse({ description: 'not_found: no such record, or not published yet' })
  async get(@Param('number') number: string): Promise<DecisionRecordDto> {
    return decisionRecordView(await this.records.publishedByNumber(number));
  }
}
