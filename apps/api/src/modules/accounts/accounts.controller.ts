import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission, Role } from '@zhicheng/contracts';
import { CurrentUser, OpenBeforePasswordChange, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AccountsService } from './accounts.service.js';
import { ChangeAccountStatusDto, ChangePasswordDto, ChangeRoleDto, CreateStaffDto, LoginSmsDto, MfaCodeDto, UpdateProfileDto } from './dto/accounts.dto.js';

class StaffQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(64) keyword?: string;
  @IsOptional() @IsIn(Object.values(Role)) role?: string;
}

@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('me')
  @RequirePermission(Permission.Self)
  @OpenBeforePasswordChange()
  me(@CurrentUser() user: AuthUser): ReturnType<AccountsService['me']> {
    return this.accounts.me(user);
  }

  @Patch('me')
  @RequirePermission(Permission.Self)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): ReturnType<AccountsService['updateProfile']> {
    return this.accounts.updateProfile(user, dto);
  }

  @Post('me/password')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @OpenBeforePasswordChange()
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<{ ok: boolean }> {
    await this.accounts.changePassword(user, dto);
    return { ok: true };
  }

  /** Issue 13: 我的登录设备 — the caller's open sessions. */
  @Get('me/sessions')
  @RequirePermission(Permission.Self)
  sessions(@CurrentUser() user: AuthUser): ReturnType<AccountsService['sessions']> {
    return this.accounts.sessions(user);
  }

  /** Ends one of the caller's other sessions (下线): its access tokens are refused from the next request on. */
  @Post('me/sessions/:id/end')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  async endSession(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => AppException.validation({ id: '会话编号格式有误' }) })) id: string): Promise<{ ok: boolean }> {
    await this.accounts.endSession(user, id);
    return { ok: true };
  }

  /** Issue 13: 登录短信验证 — the hall's login asks for an SMS code to the mobile on file; the password is checked afresh. */
  @Put('me/login-sms')
  @RequirePermission(Permission.Self)
  setLoginSms(@CurrentUser() user: AuthUser, @Body() dto: LoginSmsDto): ReturnType<AccountsService['setLoginSms']> {
    return this.accounts.setLoginSms(user, dto);
  }

  @Post('me/mfa/setup')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @OpenBeforePasswordChange()
  mfaSetup(@CurrentUser() user: AuthUser): ReturnType<AccountsService['mfaSetup']> {
    return this.accounts.mfaSetup(user);
  }

  @Post('me/mfa/enable')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @OpenBeforePasswordChange()
  mfaEnable(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto): ReturnType<AccountsService['mfaEnable']> {
    return this.accounts.mfaEnable(user, dto.code);
  }

  @Get('users')
  @RequirePermission(Permission.AccountsRead)
  list(@CurrentUser() user: AuthUser, @Query() q: StaffQueryDto): ReturnType<AccountsService['listStaff']> {
    return this.accounts.listStaff(user, q);
  }

  @Post('users')
  @RequirePermission(Permission.AccountsManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateStaffDto): ReturnType<AccountsService['createStaff']> {
    return this.accounts.createStaff(user, dto);
  }

  /** A-31 系统管理员: disable or re-enable a back-office account; disabling ends every session of it at once. */
  @Patch('users/:id/status')
  @RequirePermission(Permission.AccountsManage)
  setStatus(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ChangeAccountStatusDto): ReturnType<AccountsService['setStatus']> {
    return this.accounts.setStatus(user, id, dto.status);
  }

  /** A-31 安全管理员: change the business role of a back-office account; every session of it ends at once. */
  @Patch('users/:id/role')
  @RequirePermission(Permission.RolesAssign)
  changeRole(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ChangeRoleDto): ReturnType<AccountsService['changeRole']> {
    return this.accounts.changeRole(user, id, dto.role);
  }
}
