import {
  AppConfig,
  AuditService,
  hashToken,
  newToken,
  normaliseEmail,
  SYSTEM_ACTOR,
  Actor,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { MfaCodeInvalidException, SignInFailedException } from './staff-auth.exceptions';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
import { matchTotpStep, newTotpSecret, totpUri } from './totp';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export interface SignedIn {
  token: string;
  session: StaffSession;
  user: StaffUser;
}

export interface StaffContext {
  user: StaffUser;
  session: StaffSession;
}

export function staffActor(user: Pick<StaffUser, 'id' | 'email'>): Actor {
  return { type: 'staff', id: user.id, label: user.email };
}

@Injectable()
export class StaffAuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks email and password and opens a new session (a new id every time, so a session id
   * planted before sign-in is worthless). With a second factor set up, the session waits for it.
   */
  async signIn(email: string, password: string, kind: StaffSession['kind']): Promise<SignedIn> {
    const user = await this.dataSource
      .getRepository(StaffUser)
      .findOneBy({ email: normaliseEmail(email) });
    if (!user || !user.active) {
      await verifyPassword(password, await dummyPasswordHash());
      throw new SignInFailedException();
    }
    if (isLocked(user)) {
      // The same work as a real check, so the answer's timing does not show the lock.
      await verifyPassword(password, await dummyPasswordHash());
      throw new SignInFailedException();
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.recordFailure(user);
      throw new SignInFailedException();
    }
    return this.dataSource.transaction(async (manager) => {
      const mfaPending = user.totpSecret !== null;
      // With a second factor the count of failures goes on until the code is right too.
      if (!mfaPending) await this.clearFailures(manager, user.id);
      const signedIn = await this.openSession(manager, user, kind, mfaPending);
      await this.audit.record(manager, staffActor(user), {
        action: 'staff.signed-in',
        subjectType: 'staff-user',
        subjectId: user.id,
        after: { kind, mfaPending: signedIn.session.mfaPending },
      });
      return signedIn;
    });
  }

  /** Completes sign-in with the authenticator code. */
  async verifySecondFactor(
    token: string,
    code: string,
    kind: StaffSession['kind'],
  ): Promise<StaffContext> {
    const pending = await this.findSession(token, kind);
    if (!pending || !pending.session.mfaPending || !pending.user.totpSecret)
      throw new MfaCodeInvalidException();
    // Wrong codes count towards the lockout like wrong passwords, and a lock ends the attempt.
    if (isLocked(pending.user)) throw new SignInFailedException();
    await this.useTotpCode(pending.user, pending.user.totpSecret, code);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(StaffSession, { id: pending.session.id }, { mfaPending: false });
      await this.clearFailures(manager, pending.user.id);
      await this.audit.record(manager, staffActor(pending.user), {
        action: 'staff.second-factor-verified',
        subjectType: 'staff-user',
        subjectId: pending.user.id,
      });
      pending.session.mfaPending = false;
      return pending;
    });
  }

  /** A signed-in session, whether or not its second factor is done; null when unknown, revoked or expired. */
  /** Pages use cookie sessions and the API bearer ones; a token only works where it was given. */
  async findSession(token: string, kind?: StaffSession['kind']): Promise<StaffContext | null> {
    if (!token) return null;
    // find, not findOne: findOne's LIMIT 1 with a join costs TypeORM a second query on every
    // signed-in request; the token hash is unique, so there is one row at most.
    const [session] = await this.dataSource.getRepository(StaffSession).find({
      where: { tokenHash: hashToken(token) },
      relations: { staffUser: true },
    });
    if (
      !session ||
      (kind !== undefined && session.kind !== kind) ||
      session.revokedAt ||
      session.expiresAt <= new Date() ||
      !session.staffUser.active
    )
      return null;
    return { session, user: session.staffUser };
  }

  async signOut(token: string): Promise<void> {
    const found = await this.findSession(token);
    if (!found) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(StaffSession, { id: found.session.id }, { revokedAt: new Date() });
      await this.audit.record(manager, staffActor(found.user), {
        action: 'staff.signed-out',
        subjectType: 'staff-user',
        subjectId: found.user.id,
      });
    });
  }

  /** Starts second-factor set-up: a new secret to put in an authenticator app. */
  async beginTotpSetup(user: StaffUser): Promise<{ secret: string; uri: string }> {
    const secret = newTotpSecret();
    await this.dataSource
      .getRepository(StaffUser)
      .update({ id: user.id }, { totpPendingSecret: secret });
    return { secret, uri: totpUri(secret, user.email) };
  }

  async confirmTotpSetup(user: StaffUser, code: string): Promise<void> {
    const fresh = await this.dataSource.getRepository(StaffUser).findOneByOrFail({ id: user.id });
    if (!fresh.totpPendingSecret) throw new MfaCodeInvalidException();
    await this.useTotpCode(fresh, fresh.totpPendingSecret, code);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        StaffUser,
        { id: user.id },
        { totpSecret: fresh.totpPendingSecret, totpPendingSecret: null },
      );
      await this.audit.record(manager, staffActor(user), {
        action: 'staff.second-factor-enabled',
        subjectType: 'staff-user',
        subjectId: user.id,
      });
    });
  }

  needsMfaSetup(user: StaffUser): boolean {
    return this.config.REQUIRE_STAFF_MFA && user.roles.includes('admin') && !user.totpSecret;
  }

  private async useTotpCode(user: StaffUser, secret: string, code: string): Promise<void> {
    const step = matchTotpStep(secret, code.trim());
    // The update only succeeds for a step newer than the last used: no replay, even in a race.
    const result =
      step === null
        ? { affected: 0 }
        : await this.dataSource
            .createQueryBuilder()
            .update(StaffUser)
            .set({ totpLastStep: String(step) })
            .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', {
              id: user.id,
              step,
            })
            .execute();
    if (!result.affected) {
      await this.recordFailure(user);
      throw new MfaCodeInvalidException();
    }
  }

  private async clearFailures(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(StaffUser, { id: userId }, { failedSignIns: 0, lockedUntil: null });
  }

  private async recordFailure(user: StaffUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { failed_sign_ins: number }[][] = await manager.query(
        `UPDATE staff_users SET failed_sign_ins = failed_sign_ins + 1,
           locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + ($3 || ' minutes')::interval ELSE locked_until END
         WHERE id = $1 RETURNING failed_sign_ins`,
        [user.id, MAX_FAILED_SIGN_INS, String(LOCKOUT_MINUTES)],
      );
      const failures = rows[0]?.[0]?.failed_sign_ins ?? 0;
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: failures >= MAX_FAILED_SIGN_INS ? 'staff.locked-out' : 'staff.sign-in-failed',
        subjectType: 'staff-user',
        subjectId: user.id,
        after: { failedSignIns: failures },
      });
      if (failures >= MAX_FAILED_SIGN_INS) {
        await manager.update(StaffUser, { id: user.id }, { failedSignIns: 0 });
        // A session waiting for its code dies with the lock: it must start again with the password.
        await manager.query(
          `UPDATE staff_sessions SET revoked_at = now() WHERE staff_user_id = $1 AND mfa_pending AND revoked_at IS NULL`,
          [user.id],
        );
      }
    });
  }

  private async openSession(
    manager: EntityManager,
    user: StaffUser,
    kind: StaffSession['kind'],
    mfaPending: boolean,
  ): Promise<SignedIn> {
    const token = newToken();
    const session = manager.create(StaffSession, {
      tokenHash: hashToken(token),
      staffUserId: user.id,
      kind,
      mfaPending,
      expiresAt: new Date(Date.now() + this.config.SESSION_TTL_MINUTES * 60_000),
    });
    await manager.save(session);
    return { token, session, user };
  }
}

function isLocked(user: Pick<StaffUser, 'lockedUntil'>): boolean {
  return user.lockedUntil !== null && user.lockedUntil > new Date();
}
