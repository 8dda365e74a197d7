import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/**
 * Per-route limits for @fastify/rate-limit (registered for every route with a generous default).
 * Anything that sends email or checks a secret sets a tighter one.
 */
export interface RateLimitRule {
  max: number;
  timeWindow: number;
  /** Key on a body field as well as the address, e.g. the email a code is sent to. */
  keyGenerator?: (request: FastifyRequest) => string;
  hook?: 'onRequest' | 'preHandler';
}

export const RateLimit = (rule: RateLimitRule) => RouteConfig({ rateLimit: rule });

/** A limit keyed by a body field (normalised), so one address cannot be flooded from many IPs. */
export function perBodyField(field: string, max: number, timeWindow: number): RateLimitRule {
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
