import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export const NOTICE_AUDIENCES = ['public', ...Object.values(Role)] as const;

export class CreateNoticeDto {
  @IsIn(['announcement', 'policy'], { message: '请选择类型' }) type: 'announcement' | 'policy';
  @IsString() @MinLength(2, { message: '请填写标题' }) @MaxLength(200, { message: '标题不能超过200字' }) title: string;
  @IsString() @MinLength(2, { message: '请填写正文' }) @MaxLength(20000, { message: '正文不能超过20000字' }) body: string;
  @IsArray() @ArrayMaxSize(10) @IsIn(NOTICE_AUDIENCES, { each: true, message: '发布对象不在允许范围内' }) audience: string[];
  @IsOptional() @IsIn(['draft', 'published']) status?: 'draft' | 'published';
}

export class UpdateNoticeDto {
  @IsInt() version: number;
  @IsOptional() @IsString() @MinLength(2) @MaxLength(200, { message: '标题不能超过200字' }) title?: string;
  @IsOptional() @IsString() @MinLength(2) @MaxLength(20000) body?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsIn(NOTICE_AUDIENCES, { each: true, message: '发布对象不在允许范围内' }) audience?: string[];
  @IsOptional() @IsIn(['draft', 'published', 'withdrawn']) status?: 'draft' | 'published' | 'withdrawn';
}

/** H-13 search: by type, date range and title. */
export class NoticeQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['announcement', 'policy']) type?: 'announcement' | 'policy';
  @IsOptional() @IsString() @MaxLength(50) keyword?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) to?: string;
  @IsOptional() @IsIn(['draft', 'published', 'withdrawn']) status?: string;
}
