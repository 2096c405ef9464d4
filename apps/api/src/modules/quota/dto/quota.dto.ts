import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { QuotaStatus, TitleLevel, type QuotaInput } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

const LEVELS = Object.values(TitleLevel);
const STATUSES = Object.values(QuotaStatus);
const COUNT_MAX = 1_000_000;

export class QuotaDtoIn implements QuotaInput {
  @IsInt({ message: '请输入年度' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year: number;

  @IsString({ message: '请选择职称系列' }) @IsNotEmpty({ message: '请选择职称系列' }) @MaxLength(32, { message: '职称系列有误' })
  seriesCode: string;

  @IsIn(LEVELS, { message: '请选择职称级别' })
  titleLevel: TitleLevel;

  @IsInt({ message: '岗位总数应为整数' }) @Min(0, { message: '岗位总数不能为负数' }) @Max(COUNT_MAX, { message: '岗位总数过大' })
  postTotal: number;

  @IsInt({ message: '已聘数应为整数' }) @Min(0, { message: '已聘数不能为负数' }) @Max(COUNT_MAX, { message: '已聘数过大' })
  employedCount: number;

  @IsInt({ message: '申报职数应为整数' }) @Min(1, { message: '申报职数至少为1' }) @Max(COUNT_MAX, { message: '申报职数过大' })
  requestedCount: number;

  @IsOptional() @IsString() @MaxLength(500, { message: '说明不能超过500字' })
  remark?: string;
}

export class UpdateQuotaDto extends QuotaDtoIn {
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class QuotaAuditDto {
  @IsInt({ message: '缺少版本号' }) version: number;
  @IsOptional() @IsString() @MaxLength(500, { message: '审核意见不能超过500字' }) opinion?: string;
}

export class QuotaReturnDto {
  @IsInt({ message: '缺少版本号' }) version: number;
  @IsString({ message: '请输入不通过原因' }) @Matches(/\S/, { message: '请输入不通过原因' }) @MaxLength(500, { message: '不通过原因不能超过500字' })
  reason: string;
}

export class QuotaQueryDto extends PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year?: number;

  @IsOptional() @IsString() @MaxLength(32, { message: '职称系列有误' })
  seriesCode?: string;

  @IsOptional() @IsIn(LEVELS, { message: '职称级别有误' })
  titleLevel?: TitleLevel;

  @IsOptional() @IsIn(STATUSES, { message: '审核状态有误' })
  status?: QuotaStatus;

  @IsOptional() @IsUUID('all', { message: '单位有误' })
  unitOrgId?: string;

  /** Unit name keyword. */
  @IsOptional() @IsString() @MaxLength(50, { message: '关键字不能超过50字' })
  keyword?: string;
}
