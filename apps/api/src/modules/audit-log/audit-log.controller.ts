import { Controller, Get, Query } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditChainService, type ChainReport } from './audit-chain.service.js';

class AuditLogQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsString() @MaxLength(64) targetType?: string;
  @IsOptional() @IsString() @MaxLength(64) targetId?: string;
}

@Controller('audit-logs')
export class AuditLogController {
  constructor(
    private readonly logs: AuditLogService,
    private readonly chain: AuditChainService,
  ) {}

  /** Issue 13: seals what is pending and checks the whole SM3 chain; names the first entry that does not match. */
  @Get('verify')
  @RequirePermission(Permission.AuditLogRead)
  verify(): Promise<ChainReport> {
    return this.chain.verify();
  }

  @Get()
  @RequirePermission(Permission.AuditLogRead)
  list(@CurrentUser() user: AuthUser, @Query() q: AuditLogQueryDto): ReturnType<AuditLogService['list']> {
    return this.logs.list(user, q);
  }
}
