import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/** A plain Redis connection for health checks; it fails fast instead of queueing commands while Redis is away. */
@Injectable()
export class RedisClient implements OnModuleDestroy {
  readonly redis: Redis;

  constructor(config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
    });
    this.redis.on('error', () => undefined);
  }

  async ping(timeoutMs = 1000): Promise<string> {
    if (this.redis.status === 'wait' || this.redis.status === 'end')
      await this.redis.connect().catch(() => undefined);
    return Promise.race([
      this.redis.ping(),
      new Promise<string>((_, reject) =>
        setTimeout(() => reject(new Error('Redis did not answer in time')), timeoutMs),
      ),
    ]);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
