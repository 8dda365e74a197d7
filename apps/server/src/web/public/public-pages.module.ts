import { AwardsModule } from '@grants/awards';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { DecisionRecordPagesController } from './decision-record-pages.controller';
import { FundPageController } from './fund-page.controller';
import { HomePageController } from './home-page.controller';
import { PublicPageCache } from './public-page-cache';
import { RoundPageController } from './round-page.controller';
import { BallotsModule } from '@grants/ballots';
import { OpenDataModule } from '@grants/open-data';
import { AwardedGrantsPagesController } from './awarded-grants-pages.controller';

/** Pages anyone can see: home, funds, rounds, published decision records, grants awarded. */
@Module({
  imports: [FundsModule, AwardsModule, BallotsModule, OpenDataModule],
  controllers: [
    HomePageController,
    FundPageController,
    RoundPageController,
    DecisionRecordPagesController,
    AwardedGrantsPagesController,
  ],
  providers: [PublicPageCache],
})
export class PublicPagesModule {}
