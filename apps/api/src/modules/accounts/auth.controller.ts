import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_POLICY_BOUNDS, type LoginResponse } from '@zhicheng/contracts';
import { Public, RateLimit } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AccountsService, type SessionResult } from './accounts.service.js';
import { CaptchaService } from './captcha.service.js';
import {
  LoginDto,
  MfaResendDto,
  MfaVerifyDto,
  RecoverPasswordDto,
  RecoverUsernameDto,
  RegisterPersonDto,
  RegisterUnitDto,
  ResetPasswordDto,
} from './dto/accounts.dto.js';

export const REFRESH_COOKIE = 'zc_rt';

/** Sign-in, registration and recovery: public, rate-limited per client address. */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly captcha: CaptchaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private withCookie(reply: FastifyReply, s: SessionResult): LoginResponse {
    if (s.refreshToken) {
      reply.setCookie(REFRESH_COOKIE, s.refreshToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.env === 'production',
        path: '/api/auth',
        // the server ends the session at the policy's lifetime; the cookie only has to outlive the longest allowed one
        maxAge: Math.max(this.config.auth.sessionAbsoluteHours, SECURITY_POLICY_BOUNDS.sessionAbsoluteHours[1]) * 3600,
      });
    }
    return s.response;
  }

  @Get('captcha')
  @Public()
  @RateLimit('public')
  getCaptcha(): ReturnType<CaptchaService['create']> {
    return this.captcha.create();
  }

  @Post('register')
  @Public()
  @RateLimit('register')
  register(@Body() dto: RegisterPersonDto): ReturnType<AccountsService['registerPerson']> {
    return this.accounts.registerPerson(dto);
  }

  @Post('register-unit')
  @Public()
  @RateLimit('register')
  registerUnit(@Body() dto: RegisterUnitDto): ReturnType<AccountsService['registerUnit']> {
    return this.accounts.registerUnit(dto);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    return this.withCookie(reply, await this.accounts.login(dto));
  }

  @Post('mfa')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  async mfa(@Body() dto: MfaVerifyDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    return this.withCookie(reply, await this.accounts.verifyMfa(dto));
  }

  /** Issue 13: another SMS code for the login challenge, at most once per LOGIN_SMS_RESEND_SECONDS. */
  @Post('mfa/resend')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  mfaResend(@Body() dto: MfaResendDto): ReturnType<AccountsService['resendLoginSms']> {
    return this.accounts.resendLoginSms(dto);
  }

  /** Limited per session (refresh-token family) in TokenService.rotate, not per address: see RATE_REFRESH_PER_MIN. */
  @Post('refresh')
  @HttpCode(200)
  @Public()
  async refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    try {
      return this.withCookie(reply, await this.accounts.refresh(req.cookies[REFRESH_COOKIE] ?? ''));
    } catch (e) {
      // A spent or revoked session loses its cookie; a refused-for-now one (429) keeps it for the next try.
      if (!(e instanceof AppException && e.getStatus() === 429)) reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(200)
  @Public()
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ ok: boolean }> {
    const auth = req.headers.authorization;
    await this.accounts.logout(req.cookies[REFRESH_COOKIE], auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
    reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
    return { ok: true };
  }

  @Post('recover-password')
  @HttpCode(200)
  @Public()
  @RateLimit('register')
  recoverPassword(@Body() dto: RecoverPasswordDto): ReturnType<AccountsService['recoverPassword']> {
    return this.accounts.recoverPassword(dto);
  }

  @Post('reset-password')
  @HttpCode(200)
  @Public()
  @RateLimit('register')
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<{ ok: boolean }> {
    await this.accounts.resetPassword(dto);
    return { ok: true };
  }

  @Post('recover-username')
  @HttpCode(200)
  @Public()
  @RateLimit('register')
  recoverUsername(@Body() dto: RecoverUsernameDto): ReturnType<AccountsService['recoverUsername']> {
    return this.accounts.recoverUsername(dto);
  }
}
