import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExpertDeclineDto, MaterialReviewDto, OpinionTextDto, ScoresDto, VoteDto } from '../committee/dto/review.dto.js';
import { ReviewService } from '../committee/review.service.js';
import { ScoringService } from './scoring.service.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('评审方案') });

/** E-01..E-05: an expert's own workspace. Only plans the expert sits on the panel of are visible (404 otherwise). */
@Controller('expert/plans')
export class ScoringController {
  constructor(
    private readonly svc: ScoringService,
    private readonly review: ReviewService,
  ) {}

  /** C-03: the expert cannot attend; the next reserve takes the seat (only before they started reviewing). */
  @Post(':planId/decline')
  @RequirePermission(Permission.ExpertWork)
  decline(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Body() dto: ExpertDeclineDto): ReturnType<ReviewService['declineOwnSeat']> {
    return this.review.declineOwnSeat(user, planId, dto.reason);
  }

  @Get()
  @RequirePermission(Permission.ExpertWork)
  plans(@CurrentUser() user: AuthUser): ReturnType<ScoringService['myPlans']> {
    return this.svc.myPlans(user);
  }

  @Get(':planId')
  @RequirePermission(Permission.ExpertWork)
  plan(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string): ReturnType<ScoringService['plan']> {
    return this.svc.plan(user, planId);
  }

  @Get(':planId/participants/:declarationId')
  @RequirePermission(Permission.ExpertWork)
  participant(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Param('declarationId', uuid) declarationId: string): ReturnType<ScoringService['participant']> {
    return this.svc.participant(user, planId, declarationId);
  }

  @Put(':planId/participants/:declarationId/material-review')
  @RequirePermission(Permission.ExpertWork)
  materialReview(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Param('declarationId', uuid) declarationId: string, @Body() dto: MaterialReviewDto): ReturnType<ScoringService['record']> {
    return this.svc.record(user, planId, declarationId, 'material_review', { passed: dto.passed, remark: dto.remark?.trim() || null });
  }

  @Put(':planId/participants/:declarationId/scores')
  @RequirePermission(Permission.ExpertWork)
  scores(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Param('declarationId', uuid) declarationId: string, @Body() dto: ScoresDto): ReturnType<ScoringService['scores']> {
    return this.svc.scores(user, planId, declarationId, dto);
  }

  @Put(':planId/participants/:declarationId/vote')
  @RequirePermission(Permission.ExpertWork)
  vote(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Param('declarationId', uuid) declarationId: string, @Body() dto: VoteDto): ReturnType<ScoringService['record']> {
    return this.svc.record(user, planId, declarationId, 'vote', { vote: dto.vote });
  }

  @Put(':planId/participants/:declarationId/opinion')
  @RequirePermission(Permission.ExpertWork)
  opinion(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Param('declarationId', uuid) declarationId: string, @Body() dto: OpinionTextDto): ReturnType<ScoringService['record']> {
    return this.svc.record(user, planId, declarationId, 'opinion', { text: dto.text.trim() });
  }
}
