import { Public } from '@grants/core';
import { OpenDataService, THREE_SIXTY_GIVING_COLUMNS } from '@grants/open-data';
import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

/** Caches may keep the files a few minutes: a newly published record shows soon enough. */
const CACHE_CONTROL = 'public, max-age=300';

const ORGANISATION = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', example: 'GB-CHC-1123456' },
    name: { type: 'string', example: 'Braunstone Youth Trust' },
  },
};

/** The 360Giving package, as far as the OpenAPI reader needs it (the standard has the rest). */
const PACKAGE_SCHEMA = {
  type: 'object',
  required: ['grants'],
  properties: {
    version: { type: 'string', example: '1.4' },
    title: { type: 'string' },
    identifier: { type: 'string', example: '360G-opcc-grants' },
    issued: { type: 'string', format: 'date-time' },
    modified: { type: 'string', format: 'date-time' },
    publisher: ORGANISATION,
    license: { type: 'string', format: 'uri' },
    grants: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'id',
          'title',
          'description',
          'currency',
          'amountAwarded',
          'awardDate',
          'recipientOrganization',
          'fundingOrganization',
        ],
        properties: {
          id: { type: 'string', example: '360G-opcc-CSF-2022-CYP-0001' },
          title: { type: 'string' },
          description: { type: 'string' },
          currency: { type: 'string', example: 'GBP' },
          amountAwarded: { type: 'number', example: 9800.5, description: 'Pounds, exact' },
          amountAppliedFor: { type: 'number', example: 10000 },
          awardDate: { type: 'string', example: '2022-03-24' },
          url: { type: 'string', format: 'uri' },
          plannedDates: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                startDate: { type: 'string', example: '2022-04-01' },
                endDate: { type: 'string', example: '2023-03-31' },
                duration: { type: 'number', example: 12 },
              },
            },
          },
          recipientOrganization: { type: 'array', items: ORGANISATION },
          fundingOrganization: { type: 'array', items: ORGANISATION },
          grantProgramme: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: { type: 'string', example: 'CSF-CYP' },
                title: { type: 'string', example: 'Children and Young People' },
              },
            },
          },
          beneficiaryLocation: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' } } },
          },
          dateModified: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

/**
 * Published grants as open data in the 360Giving Data Standard: anyone may read them, as the
 * decision records they come from are public.
 */
@ApiTags('open data')
@Controller('api/v1/open-data')
export class OpenDataApiController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('360giving.json')
  @Public()
  @Header('cache-control', CACHE_CONTROL)
  @ApiOperation({
    summary: 'Published grants as a 360Giving data package (JSON)',
    description:
      'Every award on a published decision record that stands (offered, accepted or closed), ordered by award date then identifier. Amounts are pounds, exact to the penny, and what the award now stands at after approved variations. Grant identifiers are the office prefix and the application reference; recipients are identified by charity or company number where they have one.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'A 360Giving data package', schema: PACKAGE_SCHEMA })
  async json(@Res({ passthrough: true }) reply: FastifyReply) {
    const pack = await this.openData.threeSixtyGivingPackage();
    void reply.header('content-disposition', 'inline; filename="360giving-grants.json"');
    return pack;
  }

  @Get('360giving.csv')
  @Public()
  @Header('cache-control', CACHE_CONTROL)
  @ApiOperation({
    summary: 'Published grants as 360Giving CSV',
    description: `The same grants as the JSON, one row each, with the standard's column titles: ${THREE_SIXTY_GIVING_COLUMNS.join(', ')}. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv, as an attachment', schema: { type: 'string' } })
  async csv(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const csv = await this.openData.threeSixtyGivingCsv();
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="360giving-grants.csv"');
    return csv;
  }
}
