import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { HomePageController } from './home-page.controller';

/** Pages anyone can see: home, funds, rounds. */
@Module({ imports: [FundsModule], controllers: [HomePageController] })
export class PublicPagesModule {}
