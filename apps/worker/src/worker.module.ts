import { AppConfig } from '@grants/core';
import { JobProcessorsModule } from '@grants/jobs';
import { platformModules } from '@grants/schema';
import { DynamicModule, Module } from '@nestjs/common';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...platformModules(config), JobProcessorsModule] };
  }
}
