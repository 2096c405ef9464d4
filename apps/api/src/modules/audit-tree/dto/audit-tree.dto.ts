import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { DeclarationKind, TitleLevel } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

const KINDS = Object.values(DeclarationKind);
const LEVELS = Object.values(TitleLevel);
const SERIES = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export class EdgeScopeDto {
  @IsIn(KINDS, { message: '申报类型应为评审、初定或认定' }) kind: DeclarationKind;
  @Matches(SERIES, { message: '职称系列代码格式有误' }) seriesCode: string;
  @IsIn(LEVELS, { message: '职称等级有误' }) titleLevel: TitleLevel;
}

/** U-07 / U-08: the caller's organisation asks to report to `upperOrgId` (an organisation or a committee). */
export class ApplyPathDto extends EdgeScopeDto {
  @IsUUID('all', { message: '请选择上报单位或评委会' }) upperOrgId: string;
}

export class RejectPathDto {
  @IsString({ message: '请填写审核不通过原因' })
  @MinLength(2, { message: '审核不通过原因至少2个字' })
  @MaxLength(500, { message: '审核不通过原因不能超过500字' })
  reason: string;
}

/** the title office configures an edge directly. */
export class ConfigureEdgeDto extends EdgeScopeDto {
  @IsUUID('all', { message: '请选择下级机构' }) lowerOrgId: string;
  @IsUUID('all', { message: '请选择上级机构' }) upperOrgId: string;
}

/** C-10: a committee adds a subordinate organisation. */
export class SubordinateDto extends EdgeScopeDto {
  @IsUUID('all', { message: '请选择下级机构' }) lowerOrgId: string;
}

export class EdgeQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['pending', 'approved', 'rejected'], { message: '状态有误' }) status?: 'pending' | 'approved' | 'rejected';
  @IsOptional() @IsIn(KINDS, { message: '申报类型有误' }) kind?: DeclarationKind;
  @IsOptional() @Matches(SERIES, { message: '职称系列代码格式有误' }) seriesCode?: string;
  @IsOptional() @IsIn(LEVELS, { message: '职称等级有误' }) titleLevel?: TitleLevel;
  @IsOptional() @IsUUID('all', { message: '机构编号有误' }) orgId?: string;
}

export class SimulateDto extends EdgeScopeDto {
  @IsUUID('all', { message: '请选择申报单位' }) unitOrgId: string;
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: '专业代码格式有误' }) professionCode: string;
  @IsOptional() @IsUUID('all', { message: '评委会编号有误' }) committeeOrgId?: string;
}

export class ImportEdgesDto {
  /** The .xlsx file, base64-encoded (multipart is not registered on this API yet). */
  @IsString({ message: '请上传Excel文件' })
  @MaxLength(1_000_000, { message: '文件过大（Excel文件不超过700KB，请分批导入）' })
  fileBase64: string;

  /** false: preview only (row-by-row validation); true: create the valid rows. */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean({ message: 'commit 应为布尔值' })
  commit?: boolean;
}

export class ConfirmLevelDto extends EdgeScopeDto {}

/** Pickers of the path screens: organisations that may be an upper (U-07/U-08, A-04) or a lower (C-10). */
export class OrgOptionQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(50, { message: '关键词不能超过50个字' }) keyword?: string;
  @IsOptional() @IsIn(['upper', 'committee', 'lower'], { message: '机构类别有误' }) side?: 'upper' | 'committee' | 'lower';
}
