import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { defaultJobOptions, QueueName } from './job-types';
import { JobsService } from './jobs.service';
import { RedisClient } from './redis-client';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: {
          url: config.REDIS_URL,
          maxRetriesPerRequest: null,
          enableOfflineQueue: false,
        },
        prefix: config.REDIS_PREFIX,
        defaultJobOptions: defaultJobOptions(config),
      }),
    }),
    BullModule.registerQueue(
      { name: QueueName.Mail },
      { name: QueueName.Rounds },
      { name: QueueName.Ballots },
      { name: QueueName.Monitoring },
    ),
  ],
  providers: [JobsService, RedisClient],
  exports: [JobsService, RedisClient, BullModule],
})
export class QueuesModule {}
