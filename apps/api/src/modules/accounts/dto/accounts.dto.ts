import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  Role,
  UnitNature,
  validateCreditCode,
  validateIdCard,
  validateMobile,
  validatePassword,
  validateUsername,
  ASSIGNABLE_STAFF_ROLES,
  type ChangeAccountStatusRequest,
  type ChangePasswordRequest,
  type ChangeRoleRequest,
  type CreateStaffRequest,
  type LoginRequest,
  type LoginSmsRequest,
  type MfaResendRequest,
  type MfaVerifyRequest,
  type RecoverPasswordRequest,
  type RecoverUsernameRequest,
  type RegisterPersonRequest,
  type RegisterUnitRequest,
  type ResetPasswordRequest,
  type UpdateProfileRequest,
} from '@zhicheng/contracts';
import { Validates } from '../../../common/validation/validates.decorator.js';

class CaptchaFields {
  @IsString({ message: '请获取验证码' })
  @IsNotEmpty({ message: '请获取验证码' })
  @MaxLength(64)
  captchaId: string;

  @IsString({ message: '请输入验证码' })
  @IsNotEmpty({ message: '请输入验证码' })
  @MaxLength(8, { message: '验证码格式有误' })
  captchaCode: string;
}

export class LoginDto extends CaptchaFields implements LoginRequest {
  @IsString() @IsNotEmpty({ message: '请输入用户名' }) @MaxLength(64) username: string;
  @IsString() @IsNotEmpty({ message: '请输入密码' }) @MaxLength(128) password: string;
}

export class MfaVerifyDto implements MfaVerifyRequest {
  @IsString() @IsNotEmpty() @MaxLength(128) mfaToken: string;
  @IsString() @Matches(/^\d{6}$/, { message: '动态口令为6位数字' }) code: string;
}

export class RegisterPersonDto extends CaptchaFields implements RegisterPersonRequest {
  @IsString() @IsNotEmpty({ message: '请输入真实姓名' }) @MaxLength(32, { message: '姓名不能超过32个字符' })
  realName: string;

  @IsString() @Validates(validateIdCard) idCard: string;

  @IsOptional() @IsString() @Validates(validateUsername) username?: string;

  @IsString() @Validates(validatePassword) password: string;

  @IsString() @IsEmail({}, { message: '请输入有效的电子邮箱' }) @MaxLength(128) email: string;

  @IsString() @Validates(validateMobile) mobile: string;

  @IsOptional() @IsString() @MaxLength(32, { message: '联系人不能超过32个字符' }) contactPerson?: string;

  @IsOptional() @IsString() @MaxLength(32, { message: '联系电话不能超过32个字符' }) contactPhone?: string;
}

export class RegisterUnitDto extends CaptchaFields implements RegisterUnitRequest {
  @IsString() @IsNotEmpty({ message: '请输入单位名称' }) @MaxLength(100, { message: '单位名称不能超过100个字符' })
  unitName: string;

  @IsString() @Validates(validateCreditCode) creditCode: string;

  @IsString() @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;

  @IsIn(Object.values(UnitNature), { message: '请选择单位性质' }) nature: UnitNature;

  @IsString() @IsNotEmpty({ message: '请输入联系人' }) @MaxLength(32) contactName: string;

  @IsString() @Validates(validateMobile) contactMobile: string;

  @IsString() @IsEmail({}, { message: '请输入有效的电子邮箱' }) @MaxLength(128) email: string;

  @IsString() @Validates(validateUsername) username: string;

  @IsString() @Validates(validatePassword) password: string;
}

export class UpdateProfileDto implements UpdateProfileRequest {
  @IsOptional() @IsString() @IsEmail({}, { message: '请输入有效的电子邮箱' }) @MaxLength(128) email?: string;
  @IsOptional() @IsString() @Validates(validateMobile) mobile?: string;
  @IsOptional() @IsString() @MaxLength(32, { message: '联系人不能超过32个字符' }) contactPerson?: string;
  @IsOptional() @IsString() @MaxLength(32, { message: '联系电话不能超过32个字符' }) contactPhone?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString() @IsNotEmpty({ message: '请输入原密码' }) @MaxLength(128) oldPassword: string;
  @IsString() @Validates(validatePassword) newPassword: string;
}

export class RecoverPasswordDto extends CaptchaFields implements RecoverPasswordRequest {
  @IsString() @IsNotEmpty({ message: '请输入用户名' }) @MaxLength(64) username: string;
  @IsIn(['sms', 'email'], { message: '请选择找回方式' }) channel: 'sms' | 'email';
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @IsString() @IsNotEmpty() @MaxLength(128) token: string;
  @IsString() @Validates(validatePassword) newPassword: string;
}

export class RecoverUsernameDto extends CaptchaFields implements RecoverUsernameRequest {
  @IsString() @IsNotEmpty({ message: '请输入真实姓名' }) @MaxLength(32) realName: string;
  @IsString() @Validates(validateIdCard) idCard: string;
  @IsIn(['sms', 'email'], { message: '请选择找回方式' }) channel: 'sms' | 'email';
}

/** an account created or re-roled from a console holds a business role, never one of 三员. */
const STAFF_ROLES = [...ASSIGNABLE_STAFF_ROLES];

export class CreateStaffDto implements CreateStaffRequest {
  @IsString() @Validates(validateUsername) username: string;
  @IsString() @IsNotEmpty({ message: '请输入姓名' }) @MaxLength(32) realName: string;
  @IsIn(STAFF_ROLES, { message: '请选择角色' }) role: Role;
  @IsUUID('all', { message: '请选择所属机构' }) organisationId: string;
  @IsString() @Validates(validateMobile) mobile: string;
  @IsOptional() @IsString() @IsEmail({}, { message: '请输入有效的电子邮箱' }) @MaxLength(128) email?: string;
  @IsString() @Validates(validatePassword) password: string;
}

export class ChangeRoleDto implements ChangeRoleRequest {
  @IsIn(STAFF_ROLES, { message: '请选择可分配的业务角色' }) role: Role;
}

export class ChangeAccountStatusDto implements ChangeAccountStatusRequest {
  @IsIn(['active', 'disabled'], { message: '状态只能是启用或停用' }) status: 'active' | 'disabled';
}

/** Issue 13: 登录短信验证 on or off, with the current password. */
export class LoginSmsDto implements LoginSmsRequest {
  @IsBoolean({ message: '请选择是否开启' }) enabled: boolean;
  @IsString() @IsNotEmpty({ message: '请输入当前密码' }) @MaxLength(128) password: string;
}

export class MfaResendDto implements MfaResendRequest {
  @IsString() @IsNotEmpty() @MaxLength(128) mfaToken: string;
}

export class MfaCodeDto {
  @IsString() @Matches(/^\d{6}$/, { message: '动态口令为6位数字' }) code: string;
}
