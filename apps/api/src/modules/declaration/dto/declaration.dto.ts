import { Type } from 'class-transformer';
import { Equals, IsBoolean, ValidateNested, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { DECLARATION_METHODS, DeclarationKind, TitleLevel, UnitNature, type ModuleValue } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { EligibilityAnswersDto } from '../../eligibility/dto/eligibility.dto.js';

export class StartDeclarationDto {
  @IsUUID('all', { message: '请选择申报批次' }) batchId: string;
  @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;
  @IsIn(Object.values(UnitNature), { message: '请选择单位性质' }) unitNature: UnitNature;
  @IsOptional() @IsUUID('all', { message: '请选择主管部门' }) supervisingDeptId?: string;
  @IsOptional() @IsUUID('all', { message: '请选择工作单位' }) unitOrgId?: string;
  @IsIn(Object.values(TitleLevel), { message: '请选择申报级别' }) titleLevel: TitleLevel;
  @IsString() @MaxLength(32) @Matches(/^\S+$/, { message: '请选择职称系列' }) seriesCode: string;
  @IsUUID('all', { message: '请选择申报职称' }) titleId: string;
  @IsString() @MaxLength(32) @Matches(/^\S+$/, { message: '请选择现从事专业' }) professionCode: string;
  @IsIn(DECLARATION_METHODS, { message: '请选择申报方式' }) method: (typeof DECLARATION_METHODS)[number];
  @IsOptional() @IsString() @MaxLength(50, { message: '破格条件不能超过50字' }) exceptionalCondition?: string;
  @IsBoolean({ message: '请选择是否为公务员' }) civilServant: boolean;
  @IsUUID('all', { message: '请选择评委会或受理机构' }) committeeId: string;
  @Equals(true, { message: '请先阅读并同意承诺书' }) commitmentAccepted: true;
  /** H-14: the self-check answers (required where the batch sets a qualifying-years rule for the series and level). */
  @IsOptional() @ValidateNested() @Type(() => EligibilityAnswersDto) eligibility?: EligibilityAnswersDto;
}

export class VersionDto {
  @IsInt({ message: '版本号有误' }) @Min(1, { message: '版本号有误' }) version: number;
}

export class CancelDto extends VersionDto {
  @IsOptional() @IsString() @MaxLength(200, { message: '取消原因不能超过200字' }) reason?: string;
}

export class SaveModuleDto extends VersionDto {
  @IsDefined({ message: '请提交模块内容' }) value: ModuleValue;
}

export class DeclarationListQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['current', 'history'], { message: '范围应为 current 或 history' }) scope?: 'current' | 'history';
  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' }) keyword?: string;
}

export class OpenBatchesDto {
  @IsOptional() @IsIn(Object.values(DeclarationKind), { message: '申报类型有误' }) kind?: DeclarationKind;
}

export class OrgPickerDto {
  @IsIn(['unit', 'dept'], { message: '类型应为 unit 或 dept' }) type: 'unit' | 'dept';
  @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;
  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' }) keyword?: string;
}

export const FORM_KINDS = ['review-form', 'brief-form', 'catalogue', 'entrustment'] as const;
export type FormKind = (typeof FORM_KINDS)[number];
