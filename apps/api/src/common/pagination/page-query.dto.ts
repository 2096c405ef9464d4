import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LIMITS, type PageQuery } from '@zhicheng/contracts';

/** Server-side pagination for every list: page from 1, page size up to the shared maximum. */
export class PageQueryDto implements PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码应从1开始' })
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页条数至少为1' })
  @Max(LIMITS.pageSizeMax, { message: `每页条数不能超过${LIMITS.pageSizeMax}` })
  pageSize: number = 20;

  @IsOptional()
  @IsIn(['asc', 'desc'], { message: '排序方向应为 asc 或 desc' })
  order?: 'asc' | 'desc';
}
