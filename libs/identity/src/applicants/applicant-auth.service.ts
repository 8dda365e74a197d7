import {
  Actor,
  AppConfig,
  AuditService,
  checkEmailAddress,
  entityFromJson,
  JsonRow,
  formatUk,
  hashToken,
  isUuid,
  MailOutboxService,
  newNumericCode,
  newToken,
  PREPARED,
  sameSecret,
  SYSTEM_ACTOR,
  ValidationException,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  SignInCodeInvalidException,
  SignInCodeUnusableException,
  SignInLinkInvalidException,
} from './applicant-auth.exceptions';
import { ApplicantSession } from './applicant-session.entity';
import { Applicant } from './applicant.entity';
import { EmailSignInRequest } from './email-sign-in-request.entity';

export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
export const MAX_WRONG_CODES = 5;
export const APPLICANT_SIGN_IN_TEMPLATE = 'identity/applicant-sign-in';
/** Applicant tokens carry this prefix so the guard knows which table to look in. */
export const APPLICANT_TOKEN_PREFIX = 'ap.';

/**
 * On every signed-in applicant request: prepared on each pooled connection, each table as JSON
 * (see entityFromJson). The token hash is unique, so one row at most.
 */
const SESSION_BY_TOKEN = `/* ${PREPARED} */ SELECT to_jsonb(s) AS session, to_jsonb(a) AS applicant
    FROM applicant_sessions s JOIN applicants a ON a.id = s.applicant_id
   WHERE s.token_hash = $1`;

export interface ApplicantContext {
  applicant: Applicant;
  session: ApplicantSession;
}

export interface ApplicantSignedIn extends ApplicantContext {
  token: string;
}

export function applicantActor(applicant: Pick<Applicant, 'id' | 'email'>): Actor {
  return { type: 'applicant', id: applicant.id, label: applicant.email };
}

type CodeCheck =
  | { ok: true; signedIn: ApplicantSignedIn }
  | { ok: false; error: SignInCodeInvalidException | SignInCodeUnusableException };

/**
 * Passwordless sign-in for applicants: an email with a 6-digit code and a link, both bound to
 * one request, valid for 10 minutes, used once; 5 wrong codes lock the request. Anyone may ask
 * for a code for any address and the answer is the same, so nothing shows who has an account:
 * the account is made when the address is proved.
 */
@Injectable()
export class ApplicantAuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Returns the request id the code must be sent back with (the page keeps it in a cookie). */
  async requestCode(rawEmail: unknown): Promise<{ requestId: string; email: string }> {
    const checked = checkEmailAddress(rawEmail);
    if ('error' in checked)
      throw new ValidationException([{ field: 'email', message: checked.error }]);
    const { email } = checked;
    const code = newNumericCode();
    const requestId = randomUUID();
    const linkToken = `${requestId}.${newToken()}`;
    const expiresAt = new Date(Date.now() + SIGN_IN_CODE_TTL_MS);
    const emailIds = await this.dataSource.transaction(async (manager) => {
      await manager.insert(EmailSignInRequest, {
        id: requestId,
        email,
        codeHash: hashToken(`${requestId}:${code}`),
        linkTokenHash: hashToken(linkToken),
        expiresAt,
      });
      return this.outbox.write(manager, [
        {
          to: email,
          template: APPLICANT_SIGN_IN_TEMPLATE,
          data: {
            code,
            linkUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/sign-in/link?token=${encodeURIComponent(linkToken)}`,
            expiresAtUk: formatUk(expiresAt),
          },
        },
      ]);
    });
    await this.outbox.dispatch(emailIds);
    return { requestId, email };
  }

  async verifyCode(
    requestId: unknown,
    rawCode: unknown,
    kind: ApplicantSession['kind'],
  ): Promise<ApplicantSignedIn> {
    const code = typeof rawCode === 'string' ? rawCode.replace(/[\s-]/g, '') : '';
    if (!/^\d{6}$/.test(code))
      throw new ValidationException([
        { field: 'code', message: 'Enter the 6-digit code from the email' },
      ]);
    if (typeof requestId !== 'string' || !isUuid(requestId))
      throw new SignInCodeUnusableException('unknown');
    // A wrong code must count even though the answer is an error, so the transaction commits
    // and the error is thrown after it.
    const result = await this.dataSource.transaction(async (manager): Promise<CodeCheck> => {
      const request = await this.lockRequest(manager, requestId);
      const unusable = unusableReason(request);
      if (unusable) return { ok: false, error: new SignInCodeUnusableException(unusable) };
      if (!sameSecret(request!.codeHash, hashToken(`${requestId}:${code}`))) {
        const failed = request!.failedAttempts + 1;
        await manager.update(EmailSignInRequest, { id: requestId }, { failedAttempts: failed });
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: failed >= MAX_WRONG_CODES ? 'applicant.code-locked' : 'applicant.code-wrong',
          subjectType: 'email-sign-in-request',
          subjectId: requestId,
          after: { failedAttempts: failed },
        });
        return { ok: false, error: new SignInCodeInvalidException(MAX_WRONG_CODES - failed) };
      }
      return { ok: true, signedIn: await this.signIn(manager, request!, kind, 'code') };
    });
    if (!result.ok) throw result.error;
    return result.signedIn;
  }

  /** Read only, for the page a link opens (mail scanners fetch links): is it still usable? */
  async checkLink(token: unknown): Promise<boolean> {
    const requestId = requestIdOfLink(token);
    if (!requestId) return false;
    const request = await this.dataSource.manager.findOneBy(EmailSignInRequest, { id: requestId });
    return (
      !!request &&
      !unusableReason(request) &&
      sameSecret(request.linkTokenHash, hashToken(token as string))
    );
  }

  async verifyLink(token: unknown, kind: ApplicantSession['kind']): Promise<ApplicantSignedIn> {
    const requestId = requestIdOfLink(token);
    if (!requestId) throw new SignInLinkInvalidException();
    return this.dataSource.transaction(async (manager) => {
      const request = await this.lockRequest(manager, requestId);
      if (
        !request ||
        unusableReason(request) ||
        !sameSecret(request.linkTokenHash, hashToken(token as string))
      )
        throw new SignInLinkInvalidException();
      return this.signIn(manager, request, kind, 'link');
    });
  }

  async findSession(
    token: string,
    kind?: ApplicantSession['kind'],
  ): Promise<ApplicantContext | null> {
    if (!token.startsWith(APPLICANT_TOKEN_PREFIX)) return null;
    const [row] = await this.dataSource.query<{ session: JsonRow; applicant: JsonRow }[]>(
      SESSION_BY_TOKEN,
      [hashToken(token)],
    );
    const session = row && entityFromJson(this.dataSource, ApplicantSession, row.session);
    if (session) session.applicant = entityFromJson(this.dataSource, Applicant, row.applicant);
    if (
      !session ||
      (kind !== undefined && session.kind !== kind) ||
      session.revokedAt ||
      session.expiresAt <= new Date()
    )
      return null;
    return { session, applicant: session.applicant };
  }

  async signOut(token: string): Promise<void> {
    const found = await this.findSession(token);
    if (!found) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ApplicantSession, { id: found.session.id }, { revokedAt: new Date() });
      await this.audit.record(manager, applicantActor(found.applicant), {
        action: 'applicant.signed-out',
        subjectType: 'applicant',
        subjectId: found.applicant.id,
      });
    });
  }

  private lockRequest(manager: EntityManager, id: string): Promise<EmailSignInRequest | null> {
    return manager.findOne(EmailSignInRequest, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Marks the request used, makes the account if this is the first time, opens a session. */
  private async signIn(
    manager: EntityManager,
    request: EmailSignInRequest,
    kind: ApplicantSession['kind'],
    via: 'code' | 'link',
  ): Promise<ApplicantSignedIn> {
    const now = new Date();
    await manager.update(EmailSignInRequest, { id: request.id }, { usedAt: now });
    const rows: { id: string; created: boolean }[] = await manager.query(
      `INSERT INTO applicants (email, last_signed_in_at) VALUES ($1, $2)
       ON CONFLICT (email) DO UPDATE SET last_signed_in_at = EXCLUDED.last_signed_in_at
       RETURNING id, (xmax = 0) AS created`,
      [request.email, now],
    );
    const applicant = await manager.findOneByOrFail(Applicant, { id: rows[0].id });
    const token = `${APPLICANT_TOKEN_PREFIX}${newToken()}`;
    const session = manager.create(ApplicantSession, {
      tokenHash: hashToken(token),
      applicantId: applicant.id,
      kind,
      expiresAt: new Date(now.getTime() + this.config.SESSION_TTL_MINUTES * 60_000),
    });
    await manager.save(session);
    await this.audit.record(manager, applicantActor(applicant), {
      action: rows[0].created ? 'applicant.registered' : 'applicant.signed-in',
      subjectType: 'applicant',
      subjectId: applicant.id,
      after: { kind, via },
    });
    return { token, session, applicant };
  }
}

function unusableReason(
  request: EmailSignInRequest | null,
): 'unknown' | 'used' | 'locked' | 'expired' | null {
  if (!request) return 'unknown';
  if (request.usedAt) return 'used';
  if (request.failedAttempts >= MAX_WRONG_CODES) return 'locked';
  if (request.expiresAt <= new Date()) return 'expired';
  return null;
}

function requestIdOfLink(token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const id = token.split('.')[0];
  return isUuid(id) ? id : null;
}
