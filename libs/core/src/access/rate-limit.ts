import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';

/** Settings (numbers in AppConfig) a limit can take its maximum from, so each is configurable. */
export type RateLimitSetting =
  | 'RATE_LIMIT_PER_MINUTE'
  | 'SIGN_IN_ATTEMPTS_PER_MINUTE'
  | 'EMAIL_SENDS_PER_HOUR'
  | 'VOTES_PER_MINUTE_PER_IP';

/** configure-app decorates the Fastify instance with the config under this name. */
export const CONFIG_DECORATION = 'grantsConfig';

function setting(name: RateLimitSetting) {
  return (request: FastifyRequest) =>
    (request.server as unknown as Record<string, AppConfig>)[CONFIG_DECORATION][name];
}

/**
 * Per-route limits for @fastify/rate-limit (registered for every route with a generous default).
 * Anything that sends email or checks a secret sets a tighter one.
 */
export interface RateLimitRule {
  max: number | RateLimitSetting;
  timeWindow: number;
  /** Key on a body field as well as the address, e.g. the email a code is sent to. */
  keyGenerator?: (request: FastifyRequest) => string;
  hook?: 'onRequest' | 'preHandler';
}

export const RateLimit = (rule: RateLimitRule) =>
  RouteConfig({
    rateLimit: { ...rule, max: typeof rule.max === 'number' ? rule.max : setting(rule.max) },
  });

/** A limit keyed by a body field (normalised), so one address cannot be flooded from many IPs. */
export function perBodyField(
  field: string,
  max: RateLimitRule['max'],
  timeWindow: number,
): RateLimitRule {
  return {
    max,
    timeWindow,
    hook: 'preHandler',
    keyGenerator: (request) => {
      const value = (request.body as Record<string, unknown> | undefined)?.[field];
      return `${field}:${typeof value === 'string' ? value.trim().toLowerCase() : ''}`;
    },
  };
}
