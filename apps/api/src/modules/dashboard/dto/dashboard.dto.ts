import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IN_FLOW_STATUSES, TitleLevel, type DeclarationStatus, type WaitingDeclarationsQuery, type WaitingQuery } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

const LEVELS = Object.values(TitleLevel);

export class WaitingQueryDto implements WaitingQuery {
  @IsUUID('all', { message: '请选择批次' }) batchId: string;
  @IsOptional() @IsIn(LEVELS, { message: '职称级别有误' }) titleLevel?: TitleLevel;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '职称系列有误' }) seriesCode?: string;
}

export class WaitingDeclarationsQueryDto extends PageQueryDto implements WaitingDeclarationsQuery {
  @IsUUID('all', { message: '请选择批次' }) batchId: string;
  @IsOptional() @IsIn(LEVELS, { message: '职称级别有误' }) titleLevel?: TitleLevel;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '职称系列有误' }) seriesCode?: string;
  @IsOptional() @IsUUID('all', { message: '节点有误' }) orgId?: string;
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '节点有误' })
  atApplicant?: boolean;
  @IsOptional() @IsIn(IN_FLOW_STATUSES, { message: '申报状态有误' }) status?: DeclarationStatus;
}
