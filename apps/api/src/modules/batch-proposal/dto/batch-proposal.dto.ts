import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { BatchProposalStatus, TitleLevel } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class BatchProposalDtoIn {
  @IsInt({ message: '请输入年度' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year: number;

  @IsString() @IsNotEmpty({ message: '请输入批次名称' }) @MaxLength(200, { message: '批次名称不能超过200字' })
  name: string;

  @IsArray({ message: '请选择评审级别' })
  @ArrayMinSize(1, { message: '请至少选择一个评审级别' })
  @IsIn(Object.values(TitleLevel), { each: true, message: '评审级别有误' })
  levels: TitleLevel[];

  @IsDateString({}, { message: '申报开始时间格式有误' }) opensAt: string;
  @IsDateString({}, { message: '申报结束时间格式有误' }) closesAt: string;

  @IsInt({ message: '计划评审人数应为整数' }) @Min(1, { message: '计划评审人数至少为1' }) @Max(100000, { message: '计划评审人数过大' })
  plannedCount: number;

  @IsString() @Matches(/\S/, { message: '请输入联系人' }) @MaxLength(64, { message: '联系人不能超过64字' })
  contactName: string;

  @IsString() @Matches(/^[0-9-]{7,20}$/, { message: '联系电话格式有误' })
  contactPhone: string;

  @IsOptional() @IsString() @MaxLength(1000, { message: '说明不能超过1000字' })
  remark?: string;
}

export class UpdateBatchProposalDto extends BatchProposalDtoIn {
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class BatchProposalApproveDto {
  @IsInt({ message: '缺少版本号' }) version: number;
  @IsOptional() @IsString() @MaxLength(500, { message: '审核意见不能超过500字' }) opinion?: string;
}

export class BatchProposalReturnDto {
  @IsInt({ message: '缺少版本号' }) version: number;
  @IsString({ message: '请输入退回原因' }) @Matches(/\S/, { message: '请输入退回原因' }) @MaxLength(500, { message: '退回原因不能超过500字' })
  reason: string;
}

export class BatchProposalQueryDto extends PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year?: number;
  @IsOptional() @IsIn(Object.values(BatchProposalStatus), { message: '状态有误' })
  status?: BatchProposalStatus;
  @IsOptional() @IsUUID('all', { message: '评委会有误' })
  committeeId?: string;
}
