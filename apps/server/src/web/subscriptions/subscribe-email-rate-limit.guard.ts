import { AppConfig, perBodyField, RateLimitRule } from '@grants/core';
import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/rate-limit';

const HOUR = 60 * 60_000;

/** Asking for email updates from one client address (EMAIL_SENDS_PER_HOUR). */
export const SUBSCRIBE_IP_LIMIT: RateLimitRule = { max: 'EMAIL_SENDS_PER_HOUR', timeWindow: HOUR };
/** Asking for email updates for one address, from anywhere (EMAIL_SENDS_PER_HOUR). */
export const SUBSCRIBE_EMAIL_LIMIT = perBodyField('email', 'EMAIL_SENDS_PER_HOUR', HOUR);
/** Following confirm and unsubscribe links from one client address (they send nothing). */
export const SUBSCRIPTION_LINK_IP_LIMIT: RateLimitRule = { max: 60, timeWindow: 10 * 60_000 };

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
const limiters = new WeakMap<FastifyInstance, Limiter>();

/**
 * @fastify/rate-limit takes one limit per route, which the per-client-address limit
 * (@RateLimit) uses; this adds the per-email one. One counter serves the API and the form, so
 * an address cannot be flooded through either, from however many client addresses.
 */
@Injectable()
export class SubscribeEmailRateLimitGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const server = request.server;
    let limiter = limiters.get(server);
    if (!limiter) {
      const { max, timeWindow, keyGenerator } = SUBSCRIBE_EMAIL_LIMIT;
      limiter = server.createRateLimit({
        max: typeof max === 'number' ? max : this.config[max],
        timeWindow,
        keyGenerator,
      });
      limiters.set(server, limiter);
    }
    const outcome = await limiter(request);
    if (!outcome.isAllowed && outcome.isExceeded)
      throw new HttpException(
        'Too many requests for this email address',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    return true;
  }
}
