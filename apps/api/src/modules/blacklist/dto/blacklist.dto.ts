import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { validateIdCard } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { Validates } from '../../../common/validation/validates.decorator.js';

export const BLACKLIST_SOURCES = ['审核发现', '举报核实', '上级通报', '评审发现', '其他'] as const;

export class CreateBlacklistDto {
  @IsString() @MinLength(1, { message: '请输入姓名' }) @MaxLength(32) realName: string;
  @IsString() @Validates(validateIdCard) idCard: string;
  @IsString() @MinLength(2, { message: '请填写列入原因' }) @MaxLength(500, { message: '原因不能超过500字' }) reason: string;
  @IsIn(BLACKLIST_SOURCES, { message: '请选择来源' }) source: string;
  @IsDateString({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) startsOn: string;
  @IsDateString({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) endsOn: string;
  @IsOptional() @IsUUID('all', { message: '申报标识有误' }) declarationId?: string;
}

export class UpdateBlacklistDto {
  @IsInt({ message: '版本号有误' }) version: number;
  @IsOptional() @IsString() @MinLength(2) @MaxLength(500, { message: '原因不能超过500字' }) reason?: string;
  @IsOptional() @IsIn(BLACKLIST_SOURCES, { message: '请选择来源' }) source?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) startsOn?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) endsOn?: string;
}

export class LiftBlacklistDto {
  @IsInt({ message: '版本号有误' }) version: number;
  @IsString() @MinLength(2, { message: '请填写解除原因' }) @MaxLength(500, { message: '原因不能超过500字' }) reason: string;
}

export class BlacklistQueryDto extends PageQueryDto {
  /** Name (contains) or a full ID card number (exact, through the blind index). */
  @IsOptional() @IsString() @MaxLength(32) keyword?: string;
  @IsOptional() @IsIn(['active', 'lifted', 'expired']) status?: 'active' | 'lifted' | 'expired';
  @IsOptional() @Matches(/^\d{4}$/, { message: '年份格式有误' }) year?: string;
}
