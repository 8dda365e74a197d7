import { Public, RateLimit, StaffOnly } from '@grants/core';
import {
  CurrentStaff,
  StaffAuthService,
  StaffContext,
  StaffRequest,
  sessionToken,
} from '@grants/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

class LoginDto {
  @ApiProperty({ example: 'officer@opcc.example' })
  @IsEmail({}, { message: 'Enter an email address like name@example.org' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ description: 'Authenticator code, for users with a second factor' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'The code is 6 digits' })
  code?: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthApiController {
  constructor(private readonly auth: StaffAuthService) {}

  /** Returns a bearer token; users with a second factor send its code in the same request. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimit({ max: 'SIGN_IN_ATTEMPTS_PER_MINUTE', timeWindow: 60_000 })
  async login(@Body() body: LoginDto) {
    const signedIn = await this.auth.signIn(body.email, body.password, 'bearer');
    if (signedIn.session.mfaPending) {
      await this.auth.verifySecondFactor(signedIn.token, body.code ?? '', 'bearer');
    }
    return {
      token: signedIn.token,
      tokenType: 'Bearer',
      expiresAt: signedIn.session.expiresAt.toISOString(),
      user: { id: signedIn.user.id, email: signedIn.user.email, roles: signedIn.user.roles },
    };
  }

  @Post('logout')
  @StaffOnly()
  @ApiBearerAuth()
  @HttpCode(204)
  async logout(@Req() request: StaffRequest, @CurrentStaff() _staff: StaffContext): Promise<void> {
    await this.auth.signOut(sessionToken(request) ?? '');
  }
}
