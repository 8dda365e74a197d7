import { AppConfig, DomainException, Public, RateLimit } from '@grants/core';
import {
  APPLICANT_COOKIE,
  ApplicantAuthService,
  applicantSessionToken,
  SIGN_IN_CODE_TTL_MS,
  SignInLinkInvalidException,
  StaffRequest,
} from '@grants/identity';
import {
  Body,
  Controller,
  Get,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type {} from '@fastify/cookie';
import {
  CODE_CHECK_IP_LIMIT,
  EMAIL_LINK_IP_LIMIT,
  EMAIL_SEND_IP_LIMIT,
  SignInCodeEmailRateLimitGuard,
} from '../../rate-limits/email-rate-limits';
import { asFormBody, formText, renderPage, seeOther } from '../forms';
import { applicantNext } from './applicant-next';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';

/** The browser's half of a sign-in request: its id (the code is useless without it) and the address. */
const SIGN_IN_REQUEST_COOKIE = 'grants_sign_in';
const SIGN_IN_PATH = '/sign-in';

interface PendingSignIn {
  requestId: string;
  email: string;
  /** Where to go after signing in, whether by the code or by the emailed link in this browser. */
  next?: string;
}

/**
 * Applicants sign in without a password: an email address, then the 6-digit code (or the link)
 * sent to it. Every page reads the same whether or not the address has an account; the account
 * is made when the address is proved.
 */
@Controller()
@UseFilters(ApplicantPageAccessFilter)
export class ApplicantSignInController {
  constructor(
    private readonly auth: ApplicantAuthService,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  @Public()
  signInPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('signed-out') signedOut?: string,
  ) {
    if (request.applicant) return seeOther(reply, applicantNext(next) || '/applications');
    return renderPage(request, reply, 'applicants/sign-in.njk', {
      values: { email: '' },
      next: applicantNext(next),
      signedOut: signedOut !== undefined,
    });
  }

  @Post('sign-in')
  @Public()
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(SignInCodeEmailRateLimitGuard)
  async requestCode(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Body() raw: unknown,
  ) {
    const body = asFormBody(raw);
    const email = formText(body, 'email');
    const next = applicantNext(formText(body, 'next'));
    let pending: PendingSignIn;
    try {
      pending = { ...(await this.auth.requestCode(email)), ...(next ? { next } : {}) };
    } catch (error) {
      if (!(error instanceof DomainException) || error.status !== 422) throw error;
      return renderPage(
        request,
        reply,
        'applicants/sign-in.njk',
        {
          values: { email },
          next,
          errors: [{ text: error.message, href: '#email' }],
          fieldErrors: { email: { text: error.message } },
        },
        422,
      );
    }
    reply.setCookie(SIGN_IN_REQUEST_COOKIE, JSON.stringify(pending), {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.isProduction,
      path: SIGN_IN_PATH,
      maxAge: SIGN_IN_CODE_TTL_MS / 1000,
    });
    return seeOther(reply, `/sign-in/code${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  }

  @Get('sign-in/code')
  @Public()
  codePage(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    const pending = this.pendingSignIn(request);
    if (!pending) return seeOther(reply, '/sign-in');
    return renderPage(request, reply, 'applicants/sign-in-code.njk', {
      email: pending.email,
      next: applicantNext(next),
    });
  }

  @Post('sign-in/code')
  @Public()
  @RateLimit(CODE_CHECK_IP_LIMIT)
  async checkCode(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Body() raw: unknown) {
    const body = asFormBody(raw);
    const next = applicantNext(formText(body, 'next'));
    const pending = this.pendingSignIn(request);
    if (!pending) return seeOther(reply, '/sign-in');
    try {
      const signedIn = await this.auth.verifyCode(
        pending.requestId,
        formText(body, 'code'),
        'cookie',
      );
      reply.clearCookie(SIGN_IN_REQUEST_COOKIE, { path: SIGN_IN_PATH });
      this.setSessionCookie(reply, signedIn.token);
      return seeOther(reply, next || '/applications');
    } catch (error) {
      // Wrong, expired, used, locked or badly typed: each says what to do, on the code box.
      if (!(error instanceof DomainException) || error.field !== 'code') throw error;
      return renderPage(
        request,
        reply,
        'applicants/sign-in-code.njk',
        {
          email: pending.email,
          next,
          errors: [{ text: error.message, href: '#code' }],
          fieldErrors: { code: { text: error.message } },
        },
        error.status,
      );
    }
  }

  /** Mail scanners open links, so the link only shows a button; its POST signs in. */
  @Get('sign-in/link')
  @Public()
  async linkPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('token') token: unknown,
  ) {
    if (!(await this.auth.checkLink(token)))
      return this.linkProblem(request, reply, new SignInLinkInvalidException());
    return renderPage(request, reply, 'applicants/sign-in-link.njk', { token: String(token) });
  }

  @Post('sign-in/link')
  @Public()
  @RateLimit(EMAIL_LINK_IP_LIMIT)
  async signInWithLink(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Body() raw: unknown,
  ) {
    try {
      const signedIn = await this.auth.verifyLink(formText(asFormBody(raw), 'token'), 'cookie');
      // Opened in the browser that asked: carry on where the person was (their eligibility answers).
      const next = this.pendingSignIn(request)?.next;
      reply.clearCookie(SIGN_IN_REQUEST_COOKIE, { path: SIGN_IN_PATH });
      this.setSessionCookie(reply, signedIn.token);
      return seeOther(reply, next || '/applications');
    } catch (error) {
      if (!(error instanceof SignInLinkInvalidException)) throw error;
      return this.linkProblem(request, reply, error);
    }
  }

  /** Public, so a stale or expired session's cookie can always be cleared. */
  @Post('sign-out')
  @Public()
  async signOut(@Req() request: StaffRequest, @Res() reply: FastifyReply) {
    const token = applicantSessionToken(request);
    if (token) await this.auth.signOut(token);
    reply.clearCookie(APPLICANT_COOKIE, { path: '/' });
    return seeOther(reply, '/sign-in?signed-out');
  }

  private linkProblem(
    request: StaffRequest,
    reply: FastifyReply,
    error: SignInLinkInvalidException,
  ) {
    return renderPage(
      request,
      reply,
      'applicants/sign-in-link-problem.njk',
      { message: error.message },
      error.status,
    );
  }

  /** The sign-in request this browser is waiting on, from its signed cookie; null if none or tampered with. */
  private pendingSignIn(request: StaffRequest): PendingSignIn | null {
    const raw = request.cookies?.[SIGN_IN_REQUEST_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    try {
      const parsed = JSON.parse(unsigned.value) as Partial<PendingSignIn>;
      return typeof parsed.requestId === 'string' && typeof parsed.email === 'string'
        ? {
            requestId: parsed.requestId,
            email: parsed.email,
            next: applicantNext(parsed.next),
          }
        : null;
    } catch {
      return null;
    }
  }

  private setSessionCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(APPLICANT_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: this.config.isProduction,
      maxAge: this.config.SESSION_TTL_MINUTES * 60,
    });
  }
}
