import { ApplicantOnly, Public, RateLimit } from '@grants/core';
import {
  ApplicantAuthService,
  ApplicantContext,
  applicantSessionToken,
  ApplicantTokenDto,
  CurrentApplicant,
  RequestSignInCodeDto,
  SIGN_IN_CODE_TTL_MS,
  SignInCodeRequestedDto,
  StaffRequest,
  VerifySignInCodeDto,
} from '@grants/identity';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  CODE_CHECK_IP_LIMIT,
  EMAIL_SEND_IP_LIMIT,
  SignInCodeEmailRateLimitGuard,
} from '../rate-limits/email-rate-limits';

export const SIGN_IN_CODE_SENT_MESSAGE =
  'If the address can receive email, a 6-digit code is on its way. It works for 10 minutes, once.';

/** Applicants sign in without a password: a code by email, exchanged for a bearer token. */
@ApiTags('applicant sign-in')
@Controller('api/v1/auth')
export class ApplicantAuthApiController {
  constructor(private readonly auth: ApplicantAuthService) {}

  @Post('email-code')
  @Public()
  @HttpCode(202)
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(SignInCodeEmailRateLimitGuard)
  @ApiOperation({
    summary: 'Email a sign-in code',
    description:
      'Emails a 6-digit code (and a sign-in link for the web pages) to the address. The answer is the same whether or not the address has an account: the account is made when the code is used. Limited per client address and per email address (EMAIL_SENDS_PER_HOUR).',
  })
  @ApiAcceptedResponse({ type: SignInCodeRequestedDto })
  @ApiTooManyRequestsResponse({
    description: 'Too many codes asked for, from here or for this address',
  })
  async requestCode(@Body() body: RequestSignInCodeDto): Promise<SignInCodeRequestedDto> {
    const { requestId } = await this.auth.requestCode(body.email);
    return {
      requestId,
      expiresInSeconds: SIGN_IN_CODE_TTL_MS / 1000,
      message: SIGN_IN_CODE_SENT_MESSAGE,
    };
  }

  @Post('email-code/verify')
  @Public()
  @HttpCode(200)
  @RateLimit(CODE_CHECK_IP_LIMIT)
  @ApiOperation({
    summary: 'Exchange the code for a bearer token',
    description:
      'The code works once, for 10 minutes, and only with the requestId it was sent for. After 5 wrong codes the request is locked (sign_in_code_locked) and a new code must be asked for.',
  })
  @ApiOkResponse({ type: ApplicantTokenDto })
  @ApiUnauthorizedResponse({
    description:
      'sign_in_code_invalid (wrong code), sign_in_code_expired, sign_in_code_used, sign_in_code_locked or sign_in_code_unknown',
  })
  async verifyCode(@Body() body: VerifySignInCodeDto): Promise<ApplicantTokenDto> {
    const signedIn = await this.auth.verifyCode(body.requestId, body.code, 'bearer');
    return {
      token: signedIn.token,
      tokenType: 'Bearer',
      expiresAt: signedIn.session.expiresAt.toISOString(),
      applicant: { id: signedIn.applicant.id, email: signedIn.applicant.email },
    };
  }

  @Post('applicant-logout')
  @ApplicantOnly()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the applicant bearer token' })
  @ApiNoContentResponse()
  async logout(
    @Req() request: StaffRequest,
    @CurrentApplicant() _applicant: ApplicantContext,
  ): Promise<void> {
    await this.auth.signOut(applicantSessionToken(request) ?? '');
  }
}
