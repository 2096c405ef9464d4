import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TitleLevel } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { BLACKLIST_SOURCES } from '../../blacklist/dto/blacklist.dto.js';

const LEVELS = Object.values(TitleLevel);
/** `returned_open`: returned by this node and not yet resubmitted (U-13), wherever it now is. */
export const QUEUE_STATUSES = ['pending', 'passed_not_reported', 'failed', 'returned_open'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const REPORT_TABS = ['entrusted', 'non_entrusted', 'reported'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];
export const ADMIN_STATUSES = ['under_audit', 'unit_passed', 'returned', 'qualified'] as const;

/** Filters shared by the audit lists. */
export class AuditFilterDto extends PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year?: number;

  @IsOptional() @IsIn(LEVELS, { message: '职称级别有误' })
  titleLevel?: TitleLevel;

  @IsOptional() @IsUUID('all', { message: '职称有误' })
  titleId?: string;

  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' })
  keyword?: string;
}

export class QueueQueryDto extends AuditFilterDto {
  @IsOptional() @IsIn(QUEUE_STATUSES, { message: '审核状态应为 待审核 / 通过未上报 / 被退回' })
  status?: QueueStatus;
}

export class ReportQueryDto extends AuditFilterDto {
  @IsIn(REPORT_TABS, { message: '请选择 委托未上报 / 非委托未上报 / 已上报' })
  tab: ReportTab;

  @IsOptional() @IsIn(['rank', 'submittedAt'], { message: '排序字段有误' })
  sort?: 'rank' | 'submittedAt';
}

export class UnitApplicantsQueryDto extends AuditFilterDto {
  @IsOptional() @IsIn(['under_audit', 'unit_passed', 'returned', 'qualified', 'cancelled'], { message: '申报状态有误' })
  status?: string;

  /** `publicity`: only the declarations the unit can publicise now (U-04, contracts UNIT_PUBLICITY_STATUSES). */
  @IsOptional() @IsIn(['publicity'], { message: '用途参数有误' })
  purpose?: 'publicity';
}

/** declarations in the title office's region. */
export class AdminQueryDto extends AuditFilterDto {
  @IsOptional() @IsIn(ADMIN_STATUSES, { message: '申报状态有误' })
  status?: (typeof ADMIN_STATUSES)[number];

  @IsOptional() @IsUUID('all', { message: '评委会有误' })
  committeeId?: string;
}

export class VersionBodyDto {
  @IsInt({ message: '版本号有误' }) version: number;
}

export class OpinionDto extends VersionBodyDto {
  @IsOptional() @IsString() @MaxLength(500, { message: '审核意见不能超过500字' })
  opinion?: string;
}

export class ReturnDto extends VersionBodyDto {
  @IsString({ message: '请填写退回意见' }) @MinLength(2, { message: '请填写退回意见（至少2个字）' }) @MaxLength(500, { message: '退回意见不能超过500字' })
  opinion: string;
}

export class JudgementDto extends VersionBodyDto {
  /** { moduleKey: { path: reason } }; a module or item absent from here passes. */
  @IsObject({ message: '审核结果格式有误' })
  failures: Record<string, Record<string, string>>;
}

export class AuditBlacklistDto {
  @IsString() @MinLength(2, { message: '请填写列入原因' }) @MaxLength(500, { message: '原因不能超过500字' }) reason: string;
  @IsOptional() @IsIn(BLACKLIST_SOURCES, { message: '请选择来源' }) source?: string;
  @IsDateString({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) startsOn: string;
  @IsDateString({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) endsOn: string;
}

export class ReportSettingsDto extends VersionBodyDto {
  @IsBoolean({ message: '请选择是否委托评审' }) entrusted: boolean;
  @IsInt({ message: '推荐排名应为整数' }) @Min(1, { message: '推荐排名从1开始' }) @Max(9999, { message: '推荐排名不能超过9999' })
  recommendationRank: number;
}

export class IdVersionDto {
  @IsUUID('all', { message: '申报标识有误' }) id: string;
  @IsInt({ message: '版本号有误' }) version: number;
}

export class ReportUpDto {
  @IsArray() @ArrayMinSize(1, { message: '请选择要上报的申报' }) @ArrayMaxSize(500, { message: '一次最多上报500条' })
  @ValidateNested({ each: true }) @Type(() => IdVersionDto)
  items: IdVersionDto[];
}

export class PublicityDto {
  @IsString() @MinLength(2, { message: '请填写公示标题' }) @MaxLength(100, { message: '公示标题不能超过100字' }) title: string;
  @IsDateString({ strict: true }, { message: '公示开始日期格式应为 YYYY-MM-DD' }) startsOn: string;
  @IsDateString({ strict: true }, { message: '公示结束日期格式应为 YYYY-MM-DD' }) endsOn: string;
  @IsArray() @ArrayMinSize(1, { message: '请选择公示的申报人员' }) @ArrayMaxSize(500, { message: '一次最多公示500人' })
  @IsUUID('all', { each: true, message: '申报标识有误' })
  declarationIds: string[];
}

export class PublicPublicityQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' }) keyword?: string;
}

export class RollbackDto extends VersionBodyDto {
  @IsString({ message: '请填写回退原因' }) @MinLength(2, { message: '请填写回退原因（至少2个字）' }) @MaxLength(500, { message: '回退原因不能超过500字' })
  reason: string;
}

export class TransferQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) year?: number;
  @IsOptional() @IsIn(LEVELS, { message: '职称级别有误' }) titleLevel?: TitleLevel;
  @IsOptional() @IsUUID('all', { message: '职称有误' }) titleId?: string;
  @IsOptional() @IsIn(ADMIN_STATUSES, { message: '申报状态有误' }) status?: (typeof ADMIN_STATUSES)[number];
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeId?: string;
  @IsOptional() @IsString() @MaxLength(50) keyword?: string;
}

export class TransferDto {
  @IsUUID('all', { message: '请选择目标评委会' }) targetCommitteeId: string;

  /** Either the selected declarations… */
  @IsOptional() @IsArray() @ArrayMaxSize(5000, { message: '一次最多选择5000条' }) @IsUUID('all', { each: true, message: '申报标识有误' })
  ids?: string[];

  /** …or every declaration matching the query (all pages). */
  @IsOptional() @ValidateNested() @Type(() => TransferQueryDto)
  query?: TransferQueryDto;

  /** Only count (for the confirmation). */
  @IsOptional() @IsBoolean() dryRun?: boolean;

  /** The count the user confirmed; refused when the matching set changed meanwhile. */
  @IsOptional() @IsInt() expectedCount?: number;

  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
