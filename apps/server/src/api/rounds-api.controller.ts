import { Public, StaffOnly } from '@grants/core';
import {
  createDtoToInput,
  CreateRoundDto,
  ListRoundsQueryDto,
  roundView,
  RoundsService,
  updateDtoToPatch,
  UpdateRoundDto,
} from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('rounds')
@Controller('api/v1/rounds')
export class RoundsApiController {
  constructor(private readonly rounds: RoundsService) {}

  /** Public rounds; staff also see drafts. */
  @Get()
  @Public()
  async list(@Query() query: ListRoundsQueryDto, @CurrentStaff() staff?: StaffContext) {
    const rounds = await this.rounds.list({ status: query.status, includeDrafts: Boolean(staff) });
    return { rounds: rounds.map(roundView) };
  }

  @Get(':id')
  @Public()
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff?: StaffContext) {
    return roundView(await this.rounds.get(id, { includeDrafts: Boolean(staff) }));
  }

  @Post()
  @StaffOnly('admin', 'grants-officer')
  @ApiBearerAuth()
  async create(@Body() body: CreateRoundDto, @CurrentStaff() staff: StaffContext) {
    return roundView(
      await this.rounds.create(body.fundSlug, createDtoToInput(body), staffActor(staff.user)),
    );
  }

  @Patch(':id')
  @StaffOnly('admin', 'grants-officer')
  @ApiBearerAuth()
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRoundDto,
    @CurrentStaff() staff: StaffContext,
  ) {
    return roundView(await this.rounds.update(id, updateDtoToPatch(body), staffActor(staff.user)));
  }

  /** Draft to scheduled: the round then opens and closes by itself at its times. */
  @Post(':id/schedule')
  @StaffOnly('admin', 'grants-officer')
  @ApiBearerAuth()
  @HttpCode(200)
  async schedule(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: StaffContext) {
    await this.rounds.schedule(id, staffActor(staff.user));
    return roundView(await this.rounds.get(id, { includeDrafts: true }));
  }

  @Post(':id/unschedule')
  @StaffOnly('admin', 'grants-officer')
  @ApiBearerAuth()
  @HttpCode(200)
  async unschedule(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: StaffContext) {
    await this.rounds.unschedule(id, staffActor(staff.user));
    return roundView(await this.rounds.get(id, { includeDrafts: true }));
  }
}
