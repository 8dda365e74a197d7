import { OpenDataModule } from '@grants/open-data';
import { Module } from '@nestjs/common';
import { OpenDataApiController } from './open-data-api.controller';

/** The open data files (360Giving) of published grants. */
@Module({ imports: [OpenDataModule], controllers: [OpenDataApiController] })
export class OpenDataApiModule {}
