import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  COUNT_FROM,
  COUNT_TO,
  EDUCATION_LEVELS,
  PERSON_STATUSES,
  RESUBMIT_MODES,
  SANCTION_KINDS,
  TitleLevel,
  type EducationLevel,
  type EligibilityAnswers,
  type PersonStatus,
} from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EligibilityAnswersDto implements EligibilityAnswers {
  @IsIn(Object.keys(PERSON_STATUSES), { message: '请选择人员身份' }) personStatus: PersonStatus;
  @IsOptional() @IsIn(EDUCATION_LEVELS, { message: '请选择最高学历' }) education?: EducationLevel | null;
  @IsOptional() @Matches(DATE, { message: '毕业时间格式应为 YYYY-MM-DD' }) graduationDate?: string | null;
  @IsOptional() @Matches(DATE, { message: '现职称取得时间格式应为 YYYY-MM-DD' }) currentTitleDate?: string | null;
}

export class EligibilityCheckDto {
  @IsUUID('all', { message: '请选择申报批次' }) batchId: string;
  /** With the level: the qualifying years are computed; without them only identity and sanctions are checked. */
  @IsOptional() @IsString() @MaxLength(32) @Matches(/^\S+$/, { message: '请选择职称系列' }) seriesCode?: string;
  @IsOptional() @IsIn(Object.values(TitleLevel), { message: '请选择申报级别' }) titleLevel?: TitleLevel;
  @ValidateNested() @Type(() => EligibilityAnswersDto) answers: EligibilityAnswersDto;
}

class EducationRequirementDto {
  @IsIn(EDUCATION_LEVELS, { message: '学历有误' }) education: EducationLevel;
  @IsIn(['current_title', 'graduation'], { message: '起算依据应为现职称或毕业' }) basis: 'current_title' | 'graduation';
  @IsInt({ message: '年限应为整数' }) @Min(0, { message: '年限不能为负数' }) @Max(30, { message: '年限不能超过30年' }) years: number;
}

class QualifyingRuleDto {
  @IsOptional() @IsString() @MaxLength(32) seriesCode: string | null;
  @IsIn(Object.values(TitleLevel), { message: '职称级别有误' }) titleLevel: TitleLevel;
  @IsIn(Object.keys(COUNT_FROM), { message: '起算方式有误' }) countFrom: keyof typeof COUNT_FROM;
  @IsIn(Object.keys(COUNT_TO), { message: '截止方式有误' }) countTo: keyof typeof COUNT_TO;
  @IsOptional() @Matches(DATE, { message: '截止日期格式应为 YYYY-MM-DD' }) cutoffDate?: string | null;
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => EducationRequirementDto) requirements: EducationRequirementDto[];
  @IsOptional() @IsBoolean() allowExceptional?: boolean;
  @IsOptional() @IsString() @MaxLength(200, { message: '说明不能超过200字' }) note?: string | null;
}

export class PutBatchRulesDto {
  @IsInt({ message: '公示天数应为整数' }) @Min(5, { message: '单位公示期不得少于5个工作日（人社部令第40号）' }) @Max(30, { message: '单位公示期不能超过30个工作日' }) unitPublicityMinDays: number;
  @IsInt({ message: '补正期限应为整数' }) @Min(1, { message: '补正期限至少1个工作日' }) @Max(60, { message: '补正期限不能超过60个工作日' }) correctionDays: number;
  @IsOptional() @IsInt({ message: '重新提交次数应为整数' }) @Min(1, { message: '重新提交次数至少为1' }) @Max(20, { message: '重新提交次数不能超过20' }) maxResubmissions: number | null;
  @IsIn(Object.keys(RESUBMIT_MODES), { message: '重新提交方式有误' }) resubmitMode: keyof typeof RESUBMIT_MODES;
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => QualifyingRuleDto) qualifyingRules: QualifyingRuleDto[];
  @IsOptional() @IsInt() version?: number;
}

export class CreateSanctionDto {
  @IsString() @IsNotEmpty({ message: '请输入姓名' }) @MaxLength(64, { message: '姓名过长' }) realName: string;
  @IsString() @IsNotEmpty({ message: '请输入身份证号' }) idCard: string;
  @IsIn(SANCTION_KINDS, { message: '请选择处分类型' }) kind: string;
  @IsString() @IsNotEmpty({ message: '请填写处分原因' }) @MaxLength(500, { message: '处分原因不能超过500字' }) reason: string;
  @Matches(DATE, { message: '开始日期格式应为 YYYY-MM-DD' }) startsOn: string;
  @Matches(DATE, { message: '结束日期格式应为 YYYY-MM-DD' }) endsOn: string;
}

export class LiftSanctionDto {
  @IsString() @IsNotEmpty({ message: '请填写解除原因' }) @MaxLength(500, { message: '解除原因不能超过500字' }) reason: string;
}

export class SanctionQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' }) keyword?: string;
}
