import { VOTER_TOKEN_PREFIX } from '@grants/ballots';
import type { FastifyRequest } from 'fastify';

/** The resident's voting session, sent as `Authorization: Bearer vt.…`; the domain checks it. */
export function voterToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  return token?.startsWith(VOTER_TOKEN_PREFIX) ? token : undefined;
}
