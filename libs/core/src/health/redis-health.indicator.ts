import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisClient } from '../queues/redis-client';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly client: RedisClient,
  ) {}

  async check(key = 'redis') {
    const check = this.indicator.check(key);
    try {
      const pong = await this.client.ping();
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${pong}` });
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }
}
