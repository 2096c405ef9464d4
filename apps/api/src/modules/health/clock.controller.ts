import { Body, Controller, Get, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IsISO8601, IsOptional } from 'class-validator';
import { chinaDateTime } from '@zhicheng/contracts';
import { Public } from '../../common/auth/decorators.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

class SetClockDto {
  /** The instant the business clock should read now (ISO 8601); omitted or null: back to real time. */
  @IsOptional() @IsISO8601({ strict: true }, { message: '时刻格式应为 ISO 8601，如 2026-10-01T15:59:00Z' }) at?: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The business clock for development and tests: exists only with CLOCK_ADJUSTABLE (refused in production) and
 * answers only callers on this machine.
 */
@Controller('dev/clock')
export class ClockController {
  constructor(
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private assertAllowed(req: FastifyRequest): void {
    if (!this.config.clock.adjustable || this.config.env === 'production' || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      throw AppException.notFound('页面');
    }
  }

  private view() {
    const now = this.clock.now();
    return { now: now.toISOString(), today: this.clock.today(), chinaTime: chinaDateTime(now), pinned: this.clock.pinned };
  }

  @Get()
  @Public()
  read(@Req() req: FastifyRequest) {
    this.assertAllowed(req);
    return this.view();
  }

  @Post()
  @Public()
  set(@Req() req: FastifyRequest, @Body() dto: SetClockDto) {
    this.assertAllowed(req);
    if (dto.at) this.clock.pin(dto.at);
    else this.clock.reset();
    return this.view();
  }
}
