import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ExpertQueryDto } from '../../experts/dto/experts.dto.js';

export class ExpertRecordQueryDto extends ExpertQueryDto {
  /** Count / list participation of this year only. */
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year?: number;
}

export class ExpertRecordDetailQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' })
  year?: number;
}
