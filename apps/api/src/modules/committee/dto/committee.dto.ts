import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AdminLevel, CommitteeClass, TitleLevel, validateMobile, validatePassword, validateUsername } from '@zhicheng/contracts';
import { Validates } from '../../../common/validation/validates.decorator.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

class ScopeItemDto {
  @IsString() @IsNotEmpty() @MaxLength(32) professionCode: string;
  @IsIn(Object.values(TitleLevel), { message: '职称级别有误' }) titleLevel: TitleLevel;
  @IsString() @IsNotEmpty() @MaxLength(32) seriesCode: string;
}

/** The contact person: a new `committee_operator` account of the committee is created from these. */
export class CommitteeContactDto {
  @IsString() @IsNotEmpty({ message: '请输入联系人姓名' }) @MaxLength(32, { message: '姓名不能超过32个字符' }) realName: string;
  @IsString() @Validates(validateMobile) mobile: string;
  @IsString() @Validates(validateUsername) username: string;
  @IsString() @Validates(validatePassword) password: string;
}

export class CommitteeDtoIn {
  @IsString() @IsNotEmpty({ message: '请输入评委会名称' }) @MaxLength(200) name: string;
  @IsString() @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;
  @IsIn(Object.values(AdminLevel), { message: '请选择评委会级别' }) level: AdminLevel;
  @IsIn(Object.values(CommitteeClass), { message: '请选择评委会类别' }) committeeClass: CommitteeClass;
  @IsBoolean() issuingDelegated: boolean;
  @IsOptional() @IsString() @MaxLength(5000) feeStandard?: string;
  /** C-17: 评审权备案有效期 (both or neither). */
  @IsOptional() @IsISO8601({ strict: true }, { message: '备案有效期起始日期格式有误' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '备案有效期起始日期格式有误' }) authorityFrom?: string | null;
  @IsOptional() @IsISO8601({ strict: true }, { message: '备案有效期截止日期格式有误' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '备案有效期截止日期格式有误' }) authorityUntil?: string | null;
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: '组建单位有误' }) founderIds: string[];
  @IsArray() @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => ScopeItemDto) professions: ScopeItemDto[];
  /** Link an existing account of this committee as the contact (on update)… */
  @IsOptional() @IsUUID('all', { message: '联系人有误' }) contactUserId?: string;
  /** …or create the contact's operator account. */
  @IsOptional() @ValidateNested() @Type(() => CommitteeContactDto) contact?: CommitteeContactDto;
}

export class UpdateCommitteeDto extends CommitteeDtoIn {
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class CommitteeQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(100) keyword?: string;
  @IsOptional() @IsIn(Object.values(CommitteeClass)) committeeClass?: string;
  @IsOptional() @IsIn(Object.values(AdminLevel)) level?: string;
  @IsOptional() @IsIn(['active', 'deregistered']) status?: string;
  @IsOptional() @Matches(/^\d{2,6}$/, { message: '行政区划代码格式有误' }) regionCode?: string;
  @IsOptional() @IsString() @MaxLength(32) professionCode?: string;
  @IsOptional() @IsIn(Object.values(TitleLevel)) titleLevel?: string;
}

/** H-03: committees that can review a profession at a level for a region, with an open batch. */
export class CommitteeMatchDto {
  @Matches(/^\d{6}$/, { message: '请选择地区' }) regionCode: string;
  @IsIn(Object.values(TitleLevel), { message: '请选择级别' }) titleLevel: string;
  @IsString() @IsNotEmpty({ message: '请选择专业' }) @MaxLength(32) professionCode: string;
}

export class CommitteeDeregisterDto {
  @IsString() @IsNotEmpty({ message: '请填写注销原因' }) @MaxLength(500) reason: string;
}
