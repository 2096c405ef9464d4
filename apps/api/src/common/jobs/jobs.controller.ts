import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppException } from '../errors/app.exception.js';
import { PageQueryDto } from '../pagination/page-query.dto.js';
import { JobsAdminService } from './jobs-admin.service.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('后台任务') });

class JobQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['created', 'retry', 'active', 'completed', 'cancelled', 'failed'], { message: '任务状态无效' }) state?: string;
  @IsOptional() @IsString() @MaxLength(64) queue?: string;
}

/** X-06 后台任务 (province-level administrators). */
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly admin: JobsAdminService) {}

  @Get('queues')
  @RequirePermission(Permission.JobsManage)
  queues(@CurrentUser() user: AuthUser) {
    return this.admin.queues(user);
  }

  @Get()
  @RequirePermission(Permission.JobsManage)
  list(@CurrentUser() user: AuthUser, @Query() q: JobQueryDto) {
    return this.admin.list(user, q);
  }

  @Post(':id/retry')
  @RequirePermission(Permission.JobsManage)
  retry(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.admin.retry(user, id);
  }
}
