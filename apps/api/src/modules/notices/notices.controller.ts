import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { AdminLevel, Role } from '@zhicheng/contracts';
import type { AccessTokenPayload } from '../../common/auth/auth-user.js';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OutboxService } from './outbox.service.js';
import { NoticesService } from './notices.service.js';
import { CreateNoticeDto, NoticeQueryDto, UpdateNoticeDto } from './dto/notice.dto.js';
import { RateLimit } from '../../common/auth/decorators.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('公告') });

class SinkQueryDto {
  @IsOptional() @IsString() @MaxLength(64) recipient?: string;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4.startsWith('127.') || ip === '::1';
}

@Controller()
export class NoticesController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly notices: NoticesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** H-13: the signed-in user's in-app notifications. */
  @Get('me/messages')
  @RequirePermission(Permission.Self)
  mine(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): ReturnType<OutboxService['forUser']> {
    return this.outbox.forUser(user.id, q.page, q.pageSize);
  }

  /**
   * Development sink: shows the last SMS and e-mails the system "sent". Exists only when
   * OUTBOX_DEV_SINK is on (never by default in production), and only to a caller on this machine (loopback) or a
   * signed-in province-level administrator: it shows password-reset links.
   */
  @Get('dev/outbox')
  @Public()
  async sink(@Query() q: SinkQueryDto, @Req() req: FastifyRequest): Promise<{ items: Awaited<ReturnType<OutboxService['latest']>> }> {
    if (!this.config.outboxDevSink) throw AppException.notFound('页面');
    if (!isLoopback(req.ip) && !this.isAdmin(req.headers.authorization)) {
      throw AppException.forbidden('开发收件箱只对本机或已登录的管理员开放');
    }
    const items = await this.outbox.latest(50, q.recipient);
    return { items };
  }

  private isAdmin(header: string | undefined): boolean {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) return false;
    try {
      const p = new JwtService({ secret: this.config.jwtSecret }).verify<AccessTokenPayload>(token, { issuer: 'zhicheng', audience: 'zhicheng-api', algorithms: ['HS256'] });
      return p.role === Role.OfficeAdmin && p.lvl === AdminLevel.Province;
    } catch {
      return false;
    }
  }

  /** P-03: public notices and policies. */
  @Get('public/notices')
  @Public()
  @RateLimit('public')
  publicList(@Query() q: NoticeQueryDto): ReturnType<NoticesService['published']> {
    return this.notices.published(q, ['public']);
  }

  @Get('public/notices/:id')
  @Public()
  @RateLimit('public')
  publicOne(@Param('id', uuid) id: string): ReturnType<NoticesService['publishedOne']> {
    return this.notices.publishedOne(id, ['public']);
  }

  /** H-13: announcements and policies for the signed-in user's role (and public ones). */
  @Get('me/notices')
  @RequirePermission(Permission.Self)
  forMe(@CurrentUser() user: AuthUser, @Query() q: NoticeQueryDto): ReturnType<NoticesService['published']> {
    return this.notices.published(q, ['public', user.role]);
  }

  @Get('me/notices/:id')
  @RequirePermission(Permission.Self)
  forMeOne(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<NoticesService['publishedOne']> {
    return this.notices.publishedOne(id, ['public', user.role]);
  }

  /** publishing by the title office. */
  @Get('admin/notices')
  @RequirePermission(Permission.NoticeManage)
  adminList(@CurrentUser() user: AuthUser, @Query() q: NoticeQueryDto): ReturnType<NoticesService['adminList']> {
    return this.notices.adminList(user, q);
  }

  @Post('admin/notices')
  @RequirePermission(Permission.NoticeManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateNoticeDto): ReturnType<NoticesService['create']> {
    return this.notices.create(user, dto);
  }

  @Patch('admin/notices/:id')
  @RequirePermission(Permission.NoticeManage)
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateNoticeDto): ReturnType<NoticesService['update']> {
    return this.notices.update(user, id, dto);
  }
}
