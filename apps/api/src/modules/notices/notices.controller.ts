import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OutboxService } from './outbox.service.js';

class SinkQueryDto {
  @IsOptional() @IsString() @MaxLength(64) recipient?: string;
}

@Controller()
export class NoticesController {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** H-13: the signed-in user's in-app notifications. */
  @Get('me/messages')
  @RequirePermission(Permission.Self)
  mine(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.outbox.forUser(user.id, q.page, q.pageSize);
  }

  /**
   * Development sink: shows the last SMS and e-mails the system "sent". Exists only when
   * OUTBOX_DEV_SINK is on (never by default in production).
   */
  @Get('dev/outbox')
  @Public()
  async sink(@Query() q: SinkQueryDto) {
    if (!this.config.outboxDevSink) throw AppException.notFound('页面');
    const items = await this.outbox.latest(50, q.recipient);
    return { items };
  }
}
