import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { FundPageController } from './fund-page.controller';
import { HomePageController } from './home-page.controller';
import { RoundPageController } from './round-page.controller';

/** Pages anyone can see: home, funds, rounds. */
@Module({
  imports: [FundsModule],
  controllers: [HomePageController, FundPageController, RoundPageController],
})
export class PublicPagesModule {}
