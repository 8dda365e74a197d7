import { ACCESS_KEY, AccessRule, AppConfig } from '@grants/core';
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { ApplicantSignInRequiredException } from './applicants/applicant-auth.exceptions';
import {
  APPLICANT_TOKEN_PREFIX,
  ApplicantAuthService,
  ApplicantContext,
} from './applicants/applicant-auth.service';
import { MfaSetupRequiredException, SignInRequiredException } from './staff-auth.exceptions';
import { StaffAuthService, StaffContext } from './staff-auth.service';

export const SESSION_COOKIE = 'grants_session';
/** Applicants' pages have their own cookie: one browser can hold a staff and an applicant session. */
export const APPLICANT_COOKIE = 'grants_applicant';
/** Pages a signed-in admin may still reach while second-factor set-up is outstanding. */
export const ALLOW_DURING_MFA_SETUP = 'grants:allow-during-mfa-setup';

export type StaffRequest = FastifyRequest & {
  staff?: StaffContext;
  applicant?: ApplicantContext;
};

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** The API takes bearer tokens only and pages take the cookie only, so a cookie never authorises the API (no CSRF there). */
export function sessionToken(request: FastifyRequest): string | undefined {
  if (request.url.startsWith('/api/')) {
    const token = bearerToken(request);
    // Staff tokens are bare base64url; other kinds carry a prefix with a dot (applicants' "ap.",
    // voters' "vt."), so they are never looked up as staff sessions.
    return token?.includes('.') ? undefined : token;
  }
  return request.cookies?.[SESSION_COOKIE];
}

export function applicantSessionToken(request: FastifyRequest): string | undefined {
  if (request.url.startsWith('/api/')) {
    const token = bearerToken(request);
    return token?.startsWith(APPLICANT_TOKEN_PREFIX) ? token : undefined;
  }
  return request.cookies?.[APPLICANT_COOKIE];
}

/**
 * Deny by default: a route with no access rule is refused, whoever asks. Public routes still
 * get the staff context when there is one (the header shows who is signed in).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: StaffAuthService,
    private readonly applicants: ApplicantAuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('This route has no access rule');
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const isApi = request.url.startsWith('/api/');
    const applicantToken = applicantSessionToken(request);
    const applicant = applicantToken
      ? await this.applicants.findSession(applicantToken, isApi ? 'bearer' : 'cookie')
      : null;
    if (applicant) request.applicant = applicant;
    if (rule.kind === 'applicant') {
      if (!applicant) throw new ApplicantSignInRequiredException();
      return true;
    }
    const token = sessionToken(request);
    const found = token ? await this.auth.findSession(token, isApi ? 'bearer' : 'cookie') : null;
    if (found && !found.session.mfaPending) request.staff = found;

    if (rule.kind === 'public') return true;
    if (rule.kind === 'development') {
      if (this.config.isProduction) throw new NotFoundException();
      return true;
    }
    if (!found) throw new SignInRequiredException();
    if (found.session.mfaPending) throw new SignInRequiredException('mfa_pending');
    const allowDuringSetup = this.reflector.getAllAndOverride<boolean>(ALLOW_DURING_MFA_SETUP, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowDuringSetup && this.auth.needsMfaSetup(found.user))
      throw new MfaSetupRequiredException();
    if (rule.roles !== 'any' && !rule.roles.some((role) => found.user.roles.includes(role))) {
      throw new ForbiddenException('Your role does not allow this');
    }
    return true;
  }
}
