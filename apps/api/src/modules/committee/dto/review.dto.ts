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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ExpertVote, ReviewMode, ReviewPlanKind, ReviewPlanStatus, ScoringRuleKind, TitleLevel, type ExpertRequirement, type ScoringRule } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ScoringRuleDto implements ScoringRule {
  @IsString() @Matches(/^[a-z0-9_]{1,16}$/, { message: '评分项标识应为1-16位小写字母、数字或下划线' }) key: string;
  @IsString() @MinLength(1, { message: '请填写评分项名称' }) @MaxLength(50, { message: '评分项名称不能超过50字' }) name: string;
  @IsIn(Object.values(ScoringRuleKind), { message: '评分类别有误' }) kind: ScoringRuleKind;
  @IsInt({ message: '满分应为整数' }) @Min(1, { message: '满分至少为1' }) @Max(1000, { message: '满分不能超过1000' }) maxScore: number;
  @IsInt({ message: '权重应为整数' }) @Min(0, { message: '权重不能为负数' }) @Max(100, { message: '权重不能超过100' }) weight: number;
}

export class ExpertRequirementDto implements ExpertRequirement {
  @IsArray() @ArrayMinSize(1, { message: '请选择评审专业' }) @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(32, { each: true }) professionCodes: string[];
  @IsArray() @ArrayMinSize(1, { message: '请选择专家职称级别' }) @IsIn(Object.values(TitleLevel), { each: true, message: '职称级别有误' }) titleLevels: TitleLevel[];
  @IsInt({ message: '评委人数应为整数' }) @Min(3, { message: '评委人数至少为3人' }) @Max(51, { message: '评委人数不能超过51人' }) count: number;
  @IsInt({ message: '备选人数应为整数' }) @Min(0, { message: '备选人数不能为负数' }) @Max(20, { message: '备选人数不能超过20人' }) reserves: number;
}

export class PlanAttachmentDto {
  @IsUUID('all', { message: '附件标识有误' }) fileId: string;
}

export class ReviewPlanDtoIn {
  @IsUUID('all', { message: '请选择申报批次' }) batchId: string;
  @IsString() @MinLength(2, { message: '请填写方案名称' }) @MaxLength(100, { message: '方案名称不能超过100字' }) name: string;
  @IsIn(Object.values(ReviewPlanKind), { message: '方案类型有误' }) kind: ReviewPlanKind;
  @IsIn(Object.values(ReviewMode), { message: '评审方式有误' }) mode: ReviewMode;
  @IsOptional() @IsString() @MaxLength(2000, { message: '方案说明不能超过2000字' }) description?: string;
  @ValidateNested() @Type(() => ExpertRequirementDto) @IsObject({ message: '请填写专家要求' }) expertRequirement: ExpertRequirementDto;
  @IsArray() @ArrayMinSize(1, { message: '请至少设置一个评分项' }) @ArrayMaxSize(20, { message: '评分项不能超过20个' })
  @ValidateNested({ each: true }) @Type(() => ScoringRuleDto) scoringRules: ScoringRuleDto[];
  @IsArray() @ArrayMaxSize(10, { message: '附件不能超过10个' }) @IsUUID('all', { each: true, message: '附件标识有误' }) attachmentIds: string[];
  @IsArray() @ArrayMinSize(1, { message: '请选择参评人员' }) @ArrayMaxSize(2000, { message: '参评人员不能超过2000人' })
  @IsUUID('all', { each: true, message: '申报标识有误' }) declarationIds: string[];
}

export class UpdateReviewPlanDto extends ReviewPlanDtoIn {
  @IsInt({ message: '版本号有误' }) version: number;
}

export class PlanVersionDto {
  @IsInt({ message: '版本号有误' }) version: number;
}

export class PlanAuditDto extends PlanVersionDto {
  @IsIn(['approve', 'reject'], { message: '审核结果有误' }) result: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(500, { message: '审核意见不能超过500字' }) opinion?: string;
}

export class PlanQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(Object.values(ReviewPlanStatus), { message: '方案状态有误' }) status?: ReviewPlanStatus;
  @IsOptional() @IsIn(Object.values(ReviewPlanKind), { message: '方案类型有误' }) kind?: ReviewPlanKind;
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeId?: string;
  @IsOptional() @IsUUID('all', { message: '批次有误' }) batchId?: string;
  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' }) keyword?: string;
  @IsOptional() @Matches(/^\d{6}$/, { message: '行政区划代码应为6位数字' }) regionCode?: string;
}

export class CandidatesQueryDto {
  @IsUUID('all', { message: '请选择申报批次' }) batchId: string;
  @IsOptional() @IsUUID('all', { message: '方案有误' }) planId?: string;
}

export class ExpertDeclineDto {
  @IsString() @MinLength(2, { message: '请填写不能参加的原因' }) @MaxLength(200, { message: '原因不能超过200字' }) reason: string;
}

export class DeclineDto extends PlanVersionDto {
  @IsString() @MinLength(2, { message: '请填写不能参加的原因' }) @MaxLength(200, { message: '原因不能超过200字' }) reason: string;
}

export class InterviewDto extends PlanVersionDto {
  @IsDateString({}, { message: '面试时间格式有误' }) interviewAt: string;
  @IsString() @MinLength(2, { message: '请填写面试地点' }) @MaxLength(200, { message: '面试地点不能超过200字' }) place: string;
}

export class CloseMeetingDto extends PlanVersionDto {
  @IsArray() @ArrayMaxSize(60) @IsUUID('all', { each: true, message: '专家标识有误' }) presentExpertIds: string[];
}

export class OfflineResultItemDto {
  @IsUUID('all', { message: '申报标识有误' }) declarationId: string;
  @IsBoolean({ message: '请选择评审结果' }) passed: boolean;
  @IsInt() @Min(0) @Max(100) present: number;
  @IsInt() @Min(0) @Max(100) agree: number;
  @IsInt() @Min(0) @Max(100) disagree: number;
  @IsInt() @Min(0) @Max(100) abstain: number;
  @IsOptional() @IsString() @MaxLength(500, { message: '备注不能超过500字' }) remark?: string;
}

export class OfflineResultsDto extends PlanVersionDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => OfflineResultItemDto) items: OfflineResultItemDto[];
}

export class PublicityStartDto extends PlanVersionDto {
  @IsOptional() @IsInt({ message: '公示天数应为整数' }) @Min(1, { message: '公示天数至少为1个工作日' }) @Max(30, { message: '公示天数不能超过30个工作日' }) days?: number;
  @IsOptional() @IsDateString({ strict: true }, { message: '公示开始日期格式应为 YYYY-MM-DD' }) startsOn?: string;
}

export class FilingAuditDto extends PlanVersionDto {
  @IsIn(['approve', 'reject'], { message: '备案结果有误' }) result: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(500, { message: '备案意见不能超过500字' }) opinion?: string;
  @IsOptional() @IsString() @MinLength(2, { message: '请填写备案文号' }) @MaxLength(64, { message: '备案文号不能超过64字' }) docNo?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '备案日期格式应为 YYYY-MM-DD' }) filedOn?: string;
}

// ------------------------------------------------------------------ expert workspace (E-01..E-05)

export class MaterialReviewDto {
  @IsBoolean({ message: '请选择审查结果' }) passed: boolean;
  @IsOptional() @IsString() @MaxLength(500, { message: '说明不能超过500字' }) remark?: string;
}

export class ScoresDto {
  @IsIn([ScoringRuleKind.Material, ScoringRuleKind.Interview], { message: '评分类别有误' }) kind: ScoringRuleKind;
  @IsObject({ message: '请填写评分' }) scores: Record<string, number>;
}

export class VoteDto {
  @IsIn(Object.values(ExpertVote), { message: '投票选项有误' }) vote: ExpertVote;
}

export class OpinionTextDto {
  @IsString() @MinLength(2, { message: '请填写评审意见' }) @MaxLength(2000, { message: '评审意见不能超过2000字' }) text: string;
}

export class ExpertRollbackDto {
  @IsUUID('all', { message: '专家有误' }) expertId: string;
  @IsUUID('all', { message: '申报有误' }) declarationId: string;
  @Matches(/^\d{1,18}$/, { message: '操作标识有误' }) actionId: string;
  @IsString({ message: '请填写回退原因' }) @MinLength(2, { message: '请填写回退原因（至少2个字）' }) @MaxLength(500, { message: '回退原因不能超过500字' }) reason: string;
}

