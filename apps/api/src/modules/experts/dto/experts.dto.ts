import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ExpertStatus, TitleLevel, validateIdCard, validateMobile, validatePassword, validateUsername } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { Validates } from '../../../common/validation/validates.decorator.js';

/** A new `expert` account created together with the pool entry. */
export class ExpertAccountDto {
  @IsString() @Validates(validateUsername) username: string;
  @IsString() @IsNotEmpty({ message: '请输入专家姓名' }) @MaxLength(32, { message: '姓名不能超过32个字符' }) realName: string;
  @IsString() @Validates(validateMobile) mobile: string;
  @IsString() @Validates(validatePassword) password: string;
}

/** A declared conflict of interest: an organisation (by id) or a person (ID card, stored masked only). */
export class ExpertConflictDto {
  @IsOptional() @IsUUID('all', { message: '回避单位有误' }) organisationId?: string;
  @ValidateIf((o: ExpertConflictDto) => !o.organisationId) @IsString() @IsNotEmpty({ message: '请填写回避对象名称' }) @MaxLength(100) name?: string;
  @IsOptional() @IsString() @Validates(validateIdCard) idCard?: string;
  @IsOptional() @IsString() @MaxLength(200, { message: '回避原因不能超过200字' }) reason?: string;
}

export class ExpertDtoIn {
  /** Link an existing user… */
  @ValidateIf((o: ExpertDtoIn) => !o.account) @IsUUID('all', { message: '请选择专家账号或填写新账号信息' }) userId?: string;
  /** …or create an `expert` account. */
  @IsOptional() @ValidateNested() @Type(() => ExpertAccountDto) account?: ExpertAccountDto;
  @IsArray({ message: '请选择评审专业' }) @ArrayMinSize(1, { message: '请至少选择一个评审专业' }) @ArrayMaxSize(20) @IsString({ each: true }) professionCodes: string[];
  @IsIn(Object.values(TitleLevel), { message: '请选择职称级别' }) titleLevel: TitleLevel;
  @IsString() @IsNotEmpty({ message: '请输入职称名称' }) @MaxLength(100) titleName: string;
  @IsOptional() @IsUUID('all', { message: '职称有误' }) titleId?: string;
  @IsOptional() @IsUUID('all', { message: '工作单位有误' }) organisationId?: string;
  @IsString() @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ExpertConflictDto) conflicts?: ExpertConflictDto[];
}

export class UpdateExpertDto extends ExpertDtoIn {
  @IsOptional() @IsIn(Object.values(ExpertStatus), { message: '状态有误' }) status?: ExpertStatus;
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class ExpertQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(50) keyword?: string;
  @IsOptional() @IsString() @MaxLength(32) professionCode?: string;
  @IsOptional() @IsIn(Object.values(TitleLevel), { message: '职称级别有误' }) titleLevel?: string;
  @IsOptional() @IsIn(Object.values(ExpertStatus), { message: '状态有误' }) status?: string;
  @IsOptional() @Matches(/^\d{2,6}$/, { message: '行政区划代码格式有误' }) regionCode?: string;
}

export class ExpertDeactivateDto {
  @IsOptional() @IsIn([ExpertStatus.Suspended, ExpertStatus.Retired], { message: '状态有误' }) status?: 'suspended' | 'retired';
  @IsInt({ message: '缺少版本号' }) version: number;
}
