import { AppConfig, Public, RateLimit } from '@grants/core';
import {
  MfaCodeInvalidException,
  SESSION_COOKIE,
  SignInFailedException,
  StaffAuthService,
  StaffRequest,
  sessionToken,
} from '@grants/identity';
import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type {} from '@fastify/cookie';
import {
  asFormBody,
  FormErrors,
  formText,
  PageAccessFilter,
  renderPage,
  safeNext,
  seeOther,
} from '../forms';

const SIGN_IN_LIMIT = { max: 'SIGN_IN_ATTEMPTS_PER_MINUTE', timeWindow: 60_000 } as const;

/**
 * Staff sign-in for pages: email and password, then the authenticator code when the account has
 * a second factor. The session lives in an HttpOnly cookie that only pages read (the API takes
 * bearer tokens), and every sign-in opens a new session.
 */
@Controller('staff')
@UseFilters(PageAccessFilter)
export class SignInController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  @Public()
  async signInPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('signed-out') signedOut?: string,
  ) {
    if (request.staff) return seeOther(reply, safeNext(next));
    return renderPage(request, reply, 'staff/sign-in.njk', {
      values: { email: '' },
      next: safeNext(next, ''),
      signedOut: signedOut !== undefined,
    });
  }

  @Post('sign-in')
  @Public()
  @RateLimit(SIGN_IN_LIMIT)
  async signIn(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Body() raw: unknown) {
    const body = asFormBody(raw);
    const email = formText(body, 'email');
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(formText(body, 'next'), '');
    const errors = new FormErrors();
    let refused = false;
    if (email === '') errors.add('email', 'Enter your email address');
    else if (email.length > 254 || !email.includes('@'))
      errors.add('email', 'Enter an email address in the correct format, like name@example.org');
    if (password === '') errors.add('password', 'Enter your password');
    if (!errors.has()) {
      try {
        const signedIn = await this.auth.signIn(email, password, 'cookie');
        this.setSessionCookie(reply, signedIn.token);
        if (signedIn.session.mfaPending)
          return seeOther(
            reply,
            `/staff/sign-in/code${next ? `?next=${encodeURIComponent(next)}` : ''}`,
          );
        return seeOther(reply, next || '/staff/rounds');
      } catch (error) {
        if (!(error instanceof SignInFailedException)) throw error;
        errors.add('email', error.message);
        refused = true;
      }
    }
    return renderPage(
      request,
      reply,
      'staff/sign-in.njk',
      { values: { email }, next, errors: errors.summary(), fieldErrors: errors.messages() },
      refused ? 401 : 422,
    );
  }

  /** The second step for accounts with an authenticator app. */
  @Get('sign-in/code')
  @Public()
  async codePage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
  ) {
    if (request.staff) return seeOther(reply, safeNext(next));
    if (!(await this.pendingSession(request))) return seeOther(reply, '/staff/sign-in');
    return renderPage(request, reply, 'staff/sign-in-code.njk', { next: safeNext(next, '') });
  }

  @Post('sign-in/code')
  @Public()
  @RateLimit(SIGN_IN_LIMIT)
  async verifyCode(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Body() raw: unknown) {
    const body = asFormBody(raw);
    const code = formText(body, 'code').replace(/\s+/g, '');
    const next = safeNext(formText(body, 'next'), '');
    const token = sessionToken(request);
    if (!token || !(await this.pendingSession(request))) return seeOther(reply, '/staff/sign-in');
    const errors = new FormErrors();
    if (code === '') errors.add('code', 'Enter the 6-digit code from your authenticator app');
    else if (!/^\d{6}$/.test(code)) errors.add('code', 'The code is 6 digits, like 123456');
    else {
      try {
        await this.auth.verifySecondFactor(token, code, 'cookie');
        return seeOther(reply, next || '/staff/rounds');
      } catch (error) {
        if (!(error instanceof MfaCodeInvalidException)) throw error;
        errors.add('code', error.message);
      }
    }
    return renderPage(
      request,
      reply,
      'staff/sign-in-code.njk',
      { next, errors: errors.summary(), fieldErrors: errors.messages() },
      422,
    );
  }

  /** Public, so that signing out with an expired session still clears the cookie. */
  @Post('sign-out')
  @Public()
  async signOut(@Req() request: StaffRequest, @Res() reply: FastifyReply) {
    const token = sessionToken(request);
    if (token) await this.auth.signOut(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return seeOther(reply, '/staff/sign-in?signed-out');
  }

  private async pendingSession(request: StaffRequest): Promise<boolean> {
    const token = sessionToken(request);
    const found = token ? await this.auth.findSession(token, 'cookie') : null;
    return Boolean(found?.session.mfaPending);
  }

  private setSessionCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: this.config.isProduction,
      maxAge: this.config.SESSION_TTL_MINUTES * 60,
    });
  }
}
