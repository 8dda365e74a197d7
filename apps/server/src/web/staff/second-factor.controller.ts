import { RateLimit, StaffOnly } from '@grants/core';
import {
  AllowDuringMfaSetup,
  CurrentStaff,
  MfaCodeInvalidException,
  StaffAuthService,
  StaffContext,
  StaffRequest,
  totpUri,
} from '@grants/identity';
import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, formText, PageAccessFilter, renderPage, seeOther } from '../forms';

/**
 * Setting up an authenticator app (TOTP). Admins must do this first when REQUIRE_STAFF_MFA is
 * on, so these pages stay reachable while set-up is outstanding.
 */
@Controller('staff/account/second-factor')
@UseFilters(PageAccessFilter)
@StaffOnly()
@AllowDuringMfaSetup()
export class SecondFactorController {
  constructor(private readonly auth: StaffAuthService) {}

  @Get()
  async page(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Query('done') done?: string,
  ) {
    if (staff.user.totpSecret) {
      return renderPage(request, reply, 'staff/second-factor.njk', {
        enabled: true,
        justEnabled: done !== undefined,
      });
    }
    // Reloading the page keeps the key already shown (it may be in the app already).
    const setup = staff.user.totpPendingSecret
      ? {
          secret: staff.user.totpPendingSecret,
          uri: totpUri(staff.user.totpPendingSecret, staff.user.email),
        }
      : await this.auth.beginTotpSetup(staff.user);
    return renderPage(request, reply, 'staff/second-factor.njk', {
      enabled: false,
      required: this.auth.needsMfaSetup(staff.user),
      setup: { ...setup, secretGroups: setup.secret.match(/.{1,4}/g)?.join(' ') },
    });
  }

  @Post()
  @RateLimit({ max: 'SIGN_IN_ATTEMPTS_PER_MINUTE', timeWindow: 60_000 })
  async confirm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Body() raw: unknown,
  ) {
    if (staff.user.totpSecret) return seeOther(reply, '/staff/account/second-factor');
    const code = formText(asFormBody(raw), 'code').replace(/\s+/g, '');
    const errors = new FormErrors();
    if (code === '') errors.add('code', 'Enter the 6-digit code from your authenticator app');
    else if (!/^\d{6}$/.test(code)) errors.add('code', 'The code is 6 digits, like 123456');
    else {
      try {
        await this.auth.confirmTotpSetup(staff.user, code);
        return seeOther(reply, '/staff/account/second-factor?done');
      } catch (error) {
        if (!(error instanceof MfaCodeInvalidException)) throw error;
        errors.add('code', error.message);
      }
    }
    const secret = staff.user.totpPendingSecret;
    if (!secret) return seeOther(reply, '/staff/account/second-factor');
    return renderPage(
      request,
      reply,
      'staff/second-factor.njk',
      {
        enabled: false,
        required: this.auth.needsMfaSetup(staff.user),
        setup: {
          secret,
          uri: totpUri(secret, staff.user.email),
          secretGroups: secret.match(/.{1,4}/g)?.join(' '),
        },
        errors: errors.summary(),
        fieldErrors: errors.messages(),
      },
      422,
    );
  }
}
