import { Public, StaffOnly } from '@grants/core';
import {
  CreateFundDto,
  FundsService,
  fundView,
  roundView,
  RoundsService,
  UpdateFundDto,
} from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('funds')
@Controller('api/v1/funds')
export class FundsApiController {
  constructor(
    private readonly funds: FundsService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @Public()
  async list() {
    return { funds: (await this.funds.list()).map(fundView) };
  }

  /** The fund with its public rounds (scheduled, open and closed). */
  @Get(':slug')
  @Public()
  async get(@Param('slug') slug: string) {
    const fund = await this.funds.getBySlug(slug);
    const rounds = await this.rounds.list({ fundId: fund.id });
    return { ...fundView(fund), rounds: rounds.map(roundView) };
  }

  @Post()
  @StaffOnly('admin', 'grants-officer')
  @ApiBearerAuth()
  async create(@Body() body: CreateFundDto, @CurrentStaff() staff: StaffContext) {
    return fundView(await this.funds.create(body, staffActor(staff.user)));
  }

  @Patch(':slug')
  @StaffOnly('admin', 'grants-officer')
  @ApiBearerAuth()
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateFundDto,
    @CurrentStaff() staff: StaffContext,
  ) {
    return fundView(await this.funds.update(slug, body, staffActor(staff.user)));
  }
}
