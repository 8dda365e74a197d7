import { Application } from '@grants/applications';
import { hashToken } from '@grants/core';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { TestContext } from './test-context';

/** What came of one vote request sent over HTTP. */
export type VoteOutcome =
  | { kind: 'answer'; status: number; body: { code?: string; receiptCode?: string } | null }
  /** The connection failed (refused, reset, cut mid-answer): the vote may or may not be in. */
  | { kind: 'lost'; error: string };

/** One vote request with the voter's bearer token; `onAnswer` runs as each full answer arrives. */
export function postVote(
  agent: Agent,
  url: string,
  token: string,
  applicationId: string,
  onAnswer: () => void = () => undefined,
): Promise<VoteOutcome> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ applicationId });
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', (e) => resolve({ kind: 'lost', error: e.message }));
        res.on('end', () => {
          if (!res.complete) return resolve({ kind: 'lost', error: 'answer cut short' });
          let parsed: VoteOutcome & { kind: 'answer' };
          try {
            parsed = { kind: 'answer', status: res.statusCode ?? 0, body: JSON.parse(text) };
          } catch {
            parsed = { kind: 'answer', status: res.statusCode ?? 0, body: null };
          }
          resolve(parsed);
          onAnswer();
        });
      },
    );
    req.on('error', (e) => resolve({ kind: 'lost', error: e.message }));
    req.end(body);
  });
}

/** Shuffled, so one voter's requests arrive among everyone else's. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomBytes(4).readUInt32BE() % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Each voter's requests, each for a different project, shuffled among everyone's. */
export function voteAttempts(
  tokens: string[],
  shortlist: Application[],
  triesEach: number,
): { token: string; applicationId: string }[] {
  return shuffle(
    tokens.flatMap((token, i) =>
      Array.from({ length: triesEach }, (_, k) => ({
        token,
        applicationId: shortlist[(i + k) % shortlist.length].id,
      })),
    ),
  );
}

/**
 * Verified voters straight into ballot_voters, as VoterVerificationService would leave them
 * after the code (a session hash and expiry); proving hundreds of emails over HTTP would only
 * measure the code path. The tokens carry the voter prefix, as real ones do.
 */
export async function seedVerifiedVoters(
  ctx: TestContext,
  ballotId: string,
  count: number,
  tag: string,
): Promise<string[]> {
  const tokens = Array.from({ length: count }, () => `vt.${randomBytes(32).toString('base64url')}`);
  await ctx.dataSource.query(
    `INSERT INTO ballot_voters (ballot_id, email, postcode, verified_at, session_hash, session_expires_at)
     SELECT $1, 'resident-' || $2 || '-' || n || '@example.org', 'DN15 9' || chr(65 + (n % 26)::int) || chr(65 + (n / 26 % 26)::int),
            now(), hash, now() + interval '30 minutes'
       FROM unnest($3::text[]) WITH ORDINALITY AS t(hash, n)`,
    [ballotId, tag, tokens.map((t) => hashToken(t))],
  );
  return tokens;
}
