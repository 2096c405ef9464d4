import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IsDateString, IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AuditLogQueryService, type AuditLogFilter } from './audit-log-query.service.js';
import { AuditChainService, type ChainReport } from './audit-chain.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

class AuditLogQueryDto extends PageQueryDto implements AuditLogFilter {
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsString() @MaxLength(64) targetType?: string;
  @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  /** The actor's account (login name), exact. */
  @IsOptional() @IsString() @MaxLength(64) actor?: string;
  /** China calendar dates, both inclusive. */
  @IsOptional() @IsDateString({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) to?: string;
}

@Controller('audit-logs')
export class AuditLogController {
  constructor(
    private readonly logs: AuditLogQueryService,
    private readonly chain: AuditChainService,
  ) {}

  /** Issue 13: seals what is pending and checks the whole SM3 chain; names the first entry that does not match. */
  @Get('verify')
  @RequirePermission(Permission.AuditLogRead)
  verify(): Promise<ChainReport> {
    return this.chain.verify();
  }

  /** the same filtered rows as the list, as a streamed xlsx (same permission, same organisation scope). */
  @Get('export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.AuditLogRead)
  export(@CurrentUser() user: AuthUser, @Query() q: AuditLogQueryDto, @Res() reply: FastifyReply): ReturnType<AuditLogQueryService['export']> {
    return this.logs.export(user, q, reply);
  }

  @Get()
  @RequirePermission(Permission.AuditLogRead)
  list(@CurrentUser() user: AuthUser, @Query() q: AuditLogQueryDto): ReturnType<AuditLogQueryService['list']> {
    return this.logs.list(user, q);
  }
}
