import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DeclarationKind, LIMITS, TitleLevel } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class RegionQueryDto {
  @IsOptional() @Matches(/^\d{6}$/, { message: '行政区划代码应为6位数字' }) parent?: string;
  @IsOptional() @IsString() @MaxLength(50) keyword?: string;
}

export class CreateProfessionDto {
  @IsOptional() @IsUUID('all', { message: '上级专业有误' }) parentId?: string;
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '专业代码为1-32位字母、数字、下划线或连字符' }) code: string;
  @IsString() @IsNotEmpty({ message: '请输入专业名称' }) @MaxLength(100, { message: '专业名称不能超过100字' }) name: string;
  @IsOptional() @IsInt() sortOrder?: number;
}

export class UpdateProfessionDto {
  @IsOptional() @IsString() @IsNotEmpty({ message: '请输入专业名称' }) @MaxLength(100, { message: '专业名称不能超过100字' }) name?: string;
  @IsOptional() @IsInt() sortOrder?: number;
}

export class ProfessionQueryDto {
  @IsOptional() @IsUUID('all', { message: '上级专业有误' }) parentId?: string;
  @IsOptional() @IsString() @MaxLength(50) keyword?: string;
}

export class CreateTitleDto {
  @IsString() @IsNotEmpty({ message: '请选择职称系列' }) @MaxLength(32) seriesCode: string;
  @IsIn(Object.values(TitleLevel), { message: '请选择职称级别' }) level: TitleLevel;
  @IsString() @IsNotEmpty({ message: '请输入职称名称' }) @MaxLength(100, { message: '职称名称不能超过100字' }) name: string;
  @IsString() @Matches(/^[A-Za-z0-9]{1,16}$/, { message: '人社部职称代码为1-16位字母或数字' }) ministryCode: string;
}

export class UpdateTitleDto {
  @IsOptional() @IsString() @IsNotEmpty({ message: '请输入职称名称' }) @MaxLength(100) name?: string;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9]{1,16}$/, { message: '人社部职称代码为1-16位字母或数字' }) ministryCode?: string;
}

export class TitleQueryDto {
  @IsOptional() @IsString() @MaxLength(32) seriesCode?: string;
  @IsOptional() @IsIn(Object.values(TitleLevel), { message: '职称级别有误' }) level?: TitleLevel;
}

export class BatchQueryDto extends PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度有误' }) year?: number;
  @IsOptional() @IsIn(Object.values(DeclarationKind), { message: '申报类型有误' }) kind?: DeclarationKind;
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeId?: string;
  @IsOptional() @IsIn(['draft', 'published', 'closed'], { message: '状态有误' }) status?: string;
  @IsOptional() @IsString() @MaxLength(100) keyword?: string;
  @IsOptional() @IsIn(['year', 'opensAt', 'closesAt', 'name'], { message: '排序字段有误' }) sort?: string;
}

export class OpenBatchQueryDto {
  @IsOptional() @IsIn(Object.values(DeclarationKind), { message: '申报类型有误' }) kind?: DeclarationKind;
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeId?: string;
  @IsOptional() @IsIn(Object.values(TitleLevel), { message: '职称级别有误' }) level?: TitleLevel;
}

export class BatchDtoIn {
  @IsString() @IsNotEmpty({ message: '请输入批次名称' }) @MaxLength(200, { message: '批次名称不能超过200字' }) name: string;
  @IsInt({ message: '请输入年度' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' }) year: number;
  @IsIn(Object.values(DeclarationKind), { message: '请选择申报类型' }) kind: DeclarationKind;
  @IsUUID('all', { message: '请选择评委会或受理机构' }) committeeId: string;
  @IsArray({ message: '请选择申报级别' })
  @ArrayMinSize(1, { message: '请至少选择一个申报级别' })
  @IsIn(Object.values(TitleLevel), { each: true, message: '申报级别有误' })
  levels: TitleLevel[];
  @IsDateString({}, { message: '开始时间格式有误' }) opensAt: string;
  @IsDateString({}, { message: '结束时间格式有误' }) closesAt: string;
  @IsOptional() @IsString() @MaxLength(20000, { message: '承诺书不能超过20000字' }) commitmentText?: string;
  @IsOptional() @IsIn(['draft', 'published', 'closed'], { message: '状态有误' }) status?: 'draft' | 'published' | 'closed';
}

export class UpdateBatchDto extends BatchDtoIn {
  @IsInt({ message: '缺少版本号' }) version: number;
}

class AttachmentRuleDto {
  @IsBoolean() required: boolean;
  @IsInt({ message: '附件大小上限应为整数字节' })
  @Min(1024, { message: '附件大小上限不能小于1 KB' })
  @Max(LIMITS.largeAttachmentBytes, { message: `附件大小上限不能超过${LIMITS.largeAttachmentBytes / 1024 / 1024} MB` })
  maxBytes: number;
}

export class TemplateModuleDto {
  @IsString() @MaxLength(48) key: string;
  @IsBoolean() required: boolean;
  @IsOptional() @ValidateNested() @Type(() => AttachmentRuleDto) attachment?: AttachmentRuleDto;
}

export class PutTemplateDto {
  @IsArray() @ArrayMinSize(1, { message: '模板至少包含一个模块' }) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TemplateModuleDto)
  modules: TemplateModuleDto[];
}
