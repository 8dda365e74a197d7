import { AwardsModule } from '@grants/awards';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { DecisionRecordPagesController } from './decision-record-pages.controller';
import { FundPageController } from './fund-page.controller';
import { HomePageController } from './home-page.controller';
import { RoundPageController } from './round-page.controller';

/** Pages anyone can see: home, funds, rounds, published decision records. */
@Module({
  imports: [FundsModule, AwardsModule],
  controllers: [
    HomePageController,
    FundPageController,
    RoundPageController,
    DecisionRecordPagesController,
  ],
})
export class PublicPagesModule {}
