import { AppConfig, HealthModule } from '@grants/core';
import { FundsModule } from '@grants/funds';
import { JobProcessorsModule } from '@grants/jobs';
import { AccessGuard, IdentityModule } from '@grants/identity';
import { platformModules } from '@grants/schema';
import { SubscriptionsModule } from '@grants/subscriptions';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthApiController } from './api/auth-api.controller';
import { FundsApiController } from './api/funds-api.controller';
import { RoundsApiController } from './api/rounds-api.controller';
import { SubscriptionsApiController } from './api/subscriptions-api.controller';
import { ApplicationsApiModule } from './api/applications-api.module';
import { AssessmentApiModule } from './api/assessment-api.module';
import { DecisionsApiModule } from './api/decisions-api.module';
import { BallotsApiModule } from './api/ballots-api.module';
import { ReportsApiModule } from './api/reports-api.module';
import { OpenDataApiModule } from './api/open-data-api.module';
import { GrantsApiModule } from './api/grants-api.module';
import { AllocationsApiModule } from './api/allocations-api.module';
import { WebModule } from './web/web.module';

@Module({})
export class ServerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ServerModule,
      imports: [
        ...platformModules(config),
        HealthModule,
        IdentityModule,
        FundsModule,
        SubscriptionsModule,
        WebModule,
        ApplicationsApiModule,
        AssessmentApiModule,
        DecisionsApiModule,
        BallotsApiModule,
        ReportsApiModule,
        OpenDataApiModule,
        GrantsApiModule,
        AllocationsApiModule,
        // The demo (and small installs) run the job processors in the server process.
        ...(config.RUN_WORKER_IN_SERVER ? [JobProcessorsModule] : []),
      ],
      controllers: [
        AuthApiController,
        FundsApiController,
        RoundsApiController,
        SubscriptionsApiController,
      ],
      providers: [{ provide: APP_GUARD, useExisting: AccessGuard }],
    };
  }
}
