import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { OpenMeetingDto, PanelRulesDto } from './dto/review.dto.js';
import { MeetingService } from './meeting.service.js';
import { PanelRulesService } from './panel-rules.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('评审方案') });

/** C-16: the chair opens and closes the meeting (expert workspace); the title office sets the panel minimums. */
@Controller()
export class MeetingController {
  constructor(
    private readonly meeting: MeetingService,
    private readonly rules: PanelRulesService,
  ) {}

  @Get('expert/plans/:planId/meeting')
  @RequirePermission(Permission.ExpertWork)
  state(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string): ReturnType<MeetingService['state']> {
    return this.meeting.state(user, planId);
  }

  @Post('expert/plans/:planId/meeting/open')
  @RequirePermission(Permission.ExpertWork)
  open(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string, @Body() dto: OpenMeetingDto): ReturnType<MeetingService['open']> {
    return this.meeting.open(user, planId, dto.presentExpertIds);
  }

  @Post('expert/plans/:planId/meeting/close')
  @RequirePermission(Permission.ExpertWork)
  close(@CurrentUser() user: AuthUser, @Param('planId', uuid) planId: string): ReturnType<MeetingService['close']> {
    return this.meeting.close(user, planId);
  }

  @Get('review-settings/panel-rules')
  @RequirePermission(Permission.ReferenceRead)
  panelRules(): ReturnType<PanelRulesService['list']> {
    return this.rules.list();
  }

  @Put('review-settings/panel-rules')
  @RequirePermission(Permission.ReviewAudit)
  setPanelRules(@CurrentUser() user: AuthUser, @Body() dto: PanelRulesDto): ReturnType<PanelRulesService['update']> {
    return this.rules.update(user, dto.items);
  }
}
