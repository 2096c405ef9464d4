import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../../common/auth/decorators.js';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { AppException } from '../../../common/errors/app.exception.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { MessageDeliveryService } from './message-delivery.service.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('消息') });

class MessageQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['pending', 'sent', 'failed'], { message: '状态应为 待发送、已发送 或 发送失败' }) status?: 'pending' | 'sent' | 'failed';
  @IsOptional() @IsIn(['sms', 'email'], { message: '渠道应为 短信 或 电子邮件' }) channel?: 'sms' | 'email';
}

/** the delivery state of e-mail and SMS, the dead-letter list (status = failed) and 重新发送. */
@Controller('admin/messages')
export class MessagesAdminController {
  constructor(private readonly delivery: MessageDeliveryService) {}

  @Get()
  @RequirePermission(Permission.JobsManage)
  list(@CurrentUser() user: AuthUser, @Query() q: MessageQueryDto) {
    return this.delivery.list(user, q);
  }

  @Post(':id/resend')
  @RequirePermission(Permission.JobsManage)
  resend(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.delivery.resend(user, id);
  }
}
