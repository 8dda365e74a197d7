import { VOTER_CODE_TTL_MS, VOTER_SESSION_TTL_MS } from '@grants/ballots';
import { AppConfig } from '@grants/core';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';

/** The voter's session token ("vt.…"): the service checks it on every page. */
export const VOTER_COOKIE = 'grants_voter';
/** The code request this browser is waiting on: its id (the code is useless without it). */
export const VOTE_CODE_COOKIE = 'grants_vote_code';
/** The project chosen, between choosing and confirming. */
export const VOTE_CHOICE_COOKIE = 'grants_vote_choice';
/** The receipt, for the confirmation page only: never in a URL, where logs would keep it. */
export const VOTE_RECEIPT_COOKIE = 'grants_vote_receipt';
const VOTE_PATH = '/vote';
const RECEIPT_TTL_MS = 15 * 60_000;

export interface PendingCode {
  ballotId: string;
  verificationId: string;
  email: string;
}

export interface PendingChoice {
  ballotId: string;
  applicationId: string;
}

export interface VoteReceipt {
  ballotId: string;
  receiptCode: string;
  projectTitle: string;
}

/**
 * The voting pages' cookies, all HttpOnly, SameSite=Lax and sent only to /vote. The pending
 * code, the choice and the receipt are signed, and each names its ballot, so one made for
 * another ballot (or edited) reads as none.
 */
@Injectable()
export class VoterCookies {
  constructor(private readonly config: AppConfig) {}

  setPendingCode(reply: FastifyReply, pending: PendingCode): void {
    this.setSigned(reply, VOTE_CODE_COOKIE, pending, VOTER_CODE_TTL_MS);
  }

  pendingCode(request: FastifyRequest, ballotId: string): PendingCode | null {
    return this.readSigned(request, VOTE_CODE_COOKIE, ballotId, ['verificationId', 'email']);
  }

  setChoice(reply: FastifyReply, choice: PendingChoice): void {
    this.setSigned(reply, VOTE_CHOICE_COOKIE, choice, VOTER_SESSION_TTL_MS);
  }

  choice(request: FastifyRequest, ballotId: string): PendingChoice | null {
    return this.readSigned(request, VOTE_CHOICE_COOKIE, ballotId, ['applicationId']);
  }

  setReceipt(reply: FastifyReply, receipt: VoteReceipt): void {
    this.setSigned(reply, VOTE_RECEIPT_COOKIE, receipt, RECEIPT_TTL_MS);
  }

  receipt(request: FastifyRequest, ballotId: string): VoteReceipt | null {
    return this.readSigned(request, VOTE_RECEIPT_COOKIE, ballotId, ['receiptCode', 'projectTitle']);
  }

  /** The proved email's session: its token is the secret, so it needs no signature. */
  setSession(reply: FastifyReply, token: string): void {
    reply.setCookie(VOTER_COOKIE, token, {
      ...this.options(),
      maxAge: VOTER_SESSION_TTL_MS / 1000,
    });
  }

  session(request: FastifyRequest): string | null {
    return request.cookies?.[VOTER_COOKIE] || null;
  }

  clear(reply: FastifyReply, name: string): void {
    reply.clearCookie(name, { path: VOTE_PATH });
  }

  private options() {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.isProduction,
      path: VOTE_PATH,
    };
  }

  private setSigned(reply: FastifyReply, name: string, value: object, ttlMs: number): void {
    reply.setCookie(name, JSON.stringify(value), {
      ...this.options(),
      signed: true,
      maxAge: ttlMs / 1000,
    });
  }

  /** The cookie's value when its signature holds, it is for this ballot and has these text fields. */
  private readSigned<T extends { ballotId: string }>(
    request: FastifyRequest,
    name: string,
    ballotId: string,
    fields: (keyof T & string)[],
  ): T | null {
    const raw = request.cookies?.[name];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    try {
      const parsed = JSON.parse(unsigned.value) as Record<string, unknown>;
      if (parsed.ballotId !== ballotId) return null;
      return fields.every((f) => typeof parsed[f] === 'string') ? (parsed as T) : null;
    } catch {
      return null;
    }
  }
}
