import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, Public, RateLimit, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AppException } from '../../common/errors/app.exception.js';
import { PublicPublicityQueryDto } from '../audit/dto/audit.dto.js';
import {
  CandidatesQueryDto,
  CloseMeetingDto,
  DeclineDto,
  ExpertRollbackDto,
  FilingAuditDto,
  InterviewDto,
  OfflineResultsDto,
  PlanAuditDto,
  PlanQueryDto,
  PlanVersionDto,
  PublicityStartDto,
  ReviewPlanDtoIn,
  UpdateReviewPlanDto,
} from './dto/review.dto.js';
import { ReviewService } from './review.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('评审方案') });

/** C-02..C-07 (committee), A-09/A-10/A-11/A-21/A-22 (title office), P-02 results publicity. */
@Controller()
export class ReviewController {
  constructor(
    private readonly svc: ReviewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('review-plans')
  @RequirePermission(Permission.CommitteeWork)
  list(@CurrentUser() user: AuthUser, @Query() q: PlanQueryDto): ReturnType<ReviewService['list']> {
    return this.svc.list(user, q);
  }

  @Get('review-plans/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.CommitteeWork)
  export(@CurrentUser() user: AuthUser, @Query() q: PlanQueryDto, @Res() reply: FastifyReply): ReturnType<ReviewService['export']> {
    return this.svc.export(user, q, reply);
  }

  @Get('review-plans/candidates')
  @RequirePermission(Permission.CommitteeWork)
  candidates(@CurrentUser() user: AuthUser, @Query() q: CandidatesQueryDto): ReturnType<ReviewService['candidates']> {
    return this.svc.candidates(user, q.batchId, q.planId);
  }

  @Get('review-plans/:id')
  @RequirePermission(Permission.CommitteeWork)
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<ReviewService['detail']> {
    return this.svc.detail(user, id);
  }

  @Post('review-plans')
  @RequirePermission(Permission.CommitteeWork)
  create(@CurrentUser() user: AuthUser, @Body() dto: ReviewPlanDtoIn): ReturnType<ReviewService['create']> {
    return this.svc.create(user, dto);
  }

  @Put('review-plans/:id')
  @RequirePermission(Permission.CommitteeWork)
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateReviewPlanDto): ReturnType<ReviewService['update']> {
    return this.svc.update(user, id, dto);
  }

  @Post('review-plans/:id/submit')
  @RequirePermission(Permission.CommitteeWork)
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PlanVersionDto): ReturnType<ReviewService['submit']> {
    return this.svc.submit(user, id, dto.version);
  }

  @Post('review-plans/:id/audit')
  @RequirePermission(Permission.ReviewAudit)
  audit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PlanAuditDto): ReturnType<ReviewService['auditPlan']> {
    return this.svc.auditPlan(user, id, dto);
  }

  @Post('review-plans/:id/draw')
  @RequirePermission(Permission.CommitteeWork)
  draw(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PlanVersionDto): ReturnType<ReviewService['draw']> {
    return this.svc.draw(user, id, dto.version);
  }

  @Get('review-plans/:id/draw/verify')
  @RequirePermission(Permission.CommitteeWork)
  verify(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<ReviewService['verifyDraw']> {
    return this.svc.verifyDraw(user, id);
  }

  @Post('review-plans/:id/experts/:expertId/decline')
  @RequirePermission(Permission.CommitteeWork)
  decline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('expertId', uuid) expertId: string, @Body() dto: DeclineDto): ReturnType<ReviewService['decline']> {
    return this.svc.decline(user, id, expertId, dto);
  }

  @Post('review-plans/:id/interview')
  @RequirePermission(Permission.CommitteeWork)
  interview(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: InterviewDto): ReturnType<ReviewService['interview']> {
    return this.svc.interview(user, id, dto);
  }

  @Post('review-plans/:id/close')
  @RequirePermission(Permission.CommitteeWork)
  close(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CloseMeetingDto): ReturnType<ReviewService['close']> {
    return this.svc.close(user, id, dto);
  }

  @Post('review-plans/:id/offline-results')
  @RequirePermission(Permission.CommitteeWork)
  offline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OfflineResultsDto): ReturnType<ReviewService['offlineResults']> {
    return this.svc.offlineResults(user, id, dto);
  }

  @Post('review-plans/:id/publicity')
  @RequirePermission(Permission.CommitteeWork)
  publicity(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PublicityStartDto): ReturnType<ReviewService['startPublicity']> {
    return this.svc.startPublicity(user, id, dto);
  }

  @Post('review-plans/:id/filing')
  @RequirePermission(Permission.CommitteeWork)
  filing(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PlanVersionDto): ReturnType<ReviewService['applyFiling']> {
    return this.svc.applyFiling(user, id, dto.version);
  }

  @Post('review-plans/:id/filing-audit')
  @RequirePermission(Permission.ReviewAudit)
  filingAudit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: FilingAuditDto): ReturnType<ReviewService['fileAudit']> {
    return this.svc.fileAudit(user, id, dto);
  }

  @Get('review-plans/:id/expert-actions')
  @RequirePermission(Permission.ReviewAudit)
  actions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<ReviewService['expertActions']> {
    return this.svc.expertActions(user, id, {});
  }

  @Post('review-plans/:id/expert-actions/rollback')
  @RequirePermission(Permission.ReviewAudit)
  rollback(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ExpertRollbackDto): ReturnType<ReviewService['rollbackExpertAction']> {
    return this.svc.rollbackExpertAction(user, id, dto);
  }

  /** Development/test clock only (404 unless the development sink is on): ends a running results publicity. */
  @Post('dev/review-plans/:id/end-publicity')
  @RequirePermission(Permission.CommitteeWork)
  devEnd(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<ReviewService['devEndPublicity']> {
    if (!this.config.outboxDevSink) throw AppException.notFound('页面');
    return this.svc.devEndPublicity(user, id);
  }

  /** P-02: running results publicities (评审结果公示). */
  @Get('public/review-publicity')
  @Public()
  @RateLimit('public')
  publicResults(@Query() q: PublicPublicityQueryDto): ReturnType<ReviewService['publicResults']> {
    return this.svc.publicResults(q);
  }
}
