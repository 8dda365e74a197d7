import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { HomePageController } from './home-page.controller';

@Module({ imports: [FundsModule], controllers: [HomePageController] })
export class WebModule {}
