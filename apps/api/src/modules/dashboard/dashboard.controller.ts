import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, type ApplicantHome, type Page, type WaitingDashboard, type WaitingDeclaration } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { WaitingDeclarationsQueryDto, WaitingQueryDto } from './dto/dashboard.dto.js';
import { WaitingDashboardService } from './waiting-dashboard.service.js';
import { ApplicantHomeService } from './applicant-home.service.js';
import { XLSX } from '../../openapi/media.js';

/** A-30 办件在哪儿: where declarations wait, within the reader's scope. */
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly svc: WaitingDashboardService,
    private readonly home: ApplicantHomeService,
  ) {}

  /** U-13 the applicant's home: where the current declaration waits, the usual wait there, the next step. */
  @Get('my-declaration')
  @RequirePermission(Permission.Declare)
  myDeclaration(@CurrentUser() user: AuthUser): Promise<ApplicantHome> {
    return this.home.home(user);
  }

  /** the batches with declarations on their way in the reader's scope. */
  @Get('batches')
  @RequirePermission(Permission.DashboardRead)
  batches(@CurrentUser() user: AuthUser): Promise<{ id: string; name: string; year: number }[]> {
    return this.svc.batches(user);
  }

  /** waiting counts and days per node, the slowest nodes, returns with their reasons, the daily flow. */
  @Get('waiting')
  @RequirePermission(Permission.DashboardRead)
  waiting(@CurrentUser() user: AuthUser, @Query() q: WaitingQueryDto): Promise<WaitingDashboard> {
    return this.svc.waiting(user, q);
  }

  /** A-30 立即刷新: rebuilds the figures now (at most once every few seconds, whoever asks). */
  @Post('waiting/refresh')
  @HttpCode(200)
  @RequirePermission(Permission.DashboardRead)
  refresh(): Promise<{ refreshedAt: string }> {
    return this.svc.refreshNow();
  }

  /** A-30 drill-down: the declarations behind a figure, longest waiting first. */
  @Get('waiting/declarations')
  @RequirePermission(Permission.DashboardRead)
  declarations(@CurrentUser() user: AuthUser, @Query() q: WaitingDeclarationsQueryDto): Promise<Page<WaitingDeclaration>> {
    return this.svc.declarations(user, q);
  }

  /** the figures as .xlsx. */
  @Get('waiting/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.DashboardRead)
  export(@CurrentUser() user: AuthUser, @Query() q: WaitingQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.svc.export(user, q, reply);
  }
}
