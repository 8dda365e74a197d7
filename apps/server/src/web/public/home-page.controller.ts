import { Public } from '@grants/core';
import { roundView, RoundsService } from '@grants/funds';
import { Controller, Get, Render } from '@nestjs/common';

@Controller()
export class HomePageController {
  constructor(private readonly rounds: RoundsService) {}

  @Get('/')
  @Public()
  @Render('pages/home.njk')
  async home() {
    const open = await this.rounds.list({ status: 'open' });
    return { rounds: open.map(roundView) };
  }
}
