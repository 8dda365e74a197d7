import { Module } from '@nestjs/common';
import { OpenDataService } from './open-data.service';

/** Published grants as open data (360Giving) and for the public list. */
@Module({ providers: [OpenDataService], exports: [OpenDataService] })
export class OpenDataModule {}
