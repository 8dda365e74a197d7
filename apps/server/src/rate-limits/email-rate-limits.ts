import { AppConfig, perBodyField, RateLimitRule } from '@grants/core';
import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  Type,
} from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/rate-limit';

const HOUR = 60 * 60_000;

/** Requests that send an email, from one client address (EMAIL_SENDS_PER_HOUR). */
export const EMAIL_SEND_IP_LIMIT: RateLimitRule = { max: 'EMAIL_SENDS_PER_HOUR', timeWindow: HOUR };
/** Following emailed links from one client address (they send nothing). */
export const EMAIL_LINK_IP_LIMIT: RateLimitRule = { max: 60, timeWindow: 10 * 60_000 };
/** Checking a sign-in code from one client address (each request also locks after 5 wrong codes). */
export const CODE_CHECK_IP_LIMIT: RateLimitRule = {
  max: 'SIGN_IN_ATTEMPTS_PER_MINUTE',
  timeWindow: 60_000,
};

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * @fastify/rate-limit takes one limit per route, which the per-client-address limit
 * (@RateLimit) uses; this makes a guard that adds a limit per email address (the body's
 * `email` field), EMAIL_SENDS_PER_HOUR an hour. One counter per scope serves the API and the
 * form alike, so an address cannot be flooded through either, from however many addresses.
 */
export function emailRateLimitGuard(scope: string, field = 'email'): Type<CanActivate> {
  const rule = perBodyField(field, 'EMAIL_SENDS_PER_HOUR', HOUR);
  const limiters = new WeakMap<FastifyInstance, Limiter>();

  @Injectable()
  class EmailRateLimitGuard implements CanActivate {
    constructor(private readonly config: AppConfig) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const server = request.server;
      let limiter = limiters.get(server);
      if (!limiter) {
        const { max, timeWindow, keyGenerator } = rule;
        limiter = server.createRateLimit({
          max: typeof max === 'number' ? max : this.config[max],
          timeWindow,
          keyGenerator: (req) => `${scope}:${keyGenerator!(req)}`,
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
  return EmailRateLimitGuard;
}

/** Asking for fund email updates, per address. */
export const SubscribeEmailRateLimitGuard = emailRateLimitGuard('subscribe');
/** Asking for an applicant sign-in code, per address. */
export const SignInCodeEmailRateLimitGuard = emailRateLimitGuard('sign-in-code');
/** Inviting someone to an organisation, per invited address. */
export const InviteEmailRateLimitGuard = emailRateLimitGuard('invite');
