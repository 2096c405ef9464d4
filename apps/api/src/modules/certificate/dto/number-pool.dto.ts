import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { NUMBER_SEQ_MAX, type GenerateNumberRange } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

const YEAR = { min: 2000, max: 2100 };

export class GenerateNumberRangeDto implements GenerateNumberRange {
  @Matches(/^\d{4}$/, { message: '发证单位编码应为4位数字' }) issuerCode: string;
  @Type(() => Number)
  @IsInt({ message: '年度应为整数' })
  @Min(YEAR.min, { message: '年度有误' })
  @Max(YEAR.max, { message: '年度有误' })
  year: number;
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '起始序号应为整数' })
  @Min(1, { message: '起始序号至少为1' })
  @Max(NUMBER_SEQ_MAX, { message: `起始序号不能超过${NUMBER_SEQ_MAX}` })
  startSeq?: number;
  @Type(() => Number)
  @IsInt({ message: '结束序号应为整数' })
  @Min(1, { message: '结束序号至少为1' })
  @Max(NUMBER_SEQ_MAX, { message: `结束序号不能超过${NUMBER_SEQ_MAX}` })
  endSeq: number;
}

export class NumberPoolQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度应为整数' })
  @Min(YEAR.min, { message: '年度有误' })
  @Max(YEAR.max, { message: '年度有误' })
  year?: number;
}

export class PoolCertificatesQueryDto extends PageQueryDto {}

/** `:issuerCode/:year` of a number pool. */
export class IssuerYearParams {
  @Matches(/^\d{4}$/, { message: '发证单位编码应为4位数字' }) issuerCode: string;
  @Type(() => Number)
  @IsInt({ message: '年度有误' })
  @Min(YEAR.min, { message: '年度有误' })
  @Max(YEAR.max, { message: '年度有误' })
  year: number;
}
