import { type RateLimitRule } from '@grants/core';
import { emailRateLimitGuard } from './email-rate-limits';

/** Votes from one client address (VOTES_PER_MINUTE_PER_IP: a library or care home shares one). */
export const VOTE_IP_LIMIT: RateLimitRule = { max: 'VOTES_PER_MINUTE_PER_IP', timeWindow: 60_000 };

/**
 * Voting codes asked for one email address (EMAIL_SENDS_PER_HOUR), whatever the address asking:
 * the residents' pages and the API share this guard, so they share one counter.
 */
export const VoterCodeEmailRateLimitGuard = emailRateLimitGuard('voter-code');
