import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { Permission } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import { CreateSanctionDto, EligibilityCheckDto, LiftSanctionDto, PutBatchRulesDto, SanctionQueryDto } from './dto/eligibility.dto.js';
import { EligibilityService } from './eligibility.service.js';

/** H-14 self-check, the batch's declaration-side rules (A-34, U-14, unit publicity), sanctions (处分). */
@Controller()
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Post('declarations/eligibility')
  @RequirePermission(Permission.Declare)
  check(@CurrentUser() user: AuthUser, @Body() dto: EligibilityCheckDto): ReturnType<EligibilityService['check']> {
    return this.eligibility.check(user, dto);
  }

  @Get('batches/:id/rules')
  @RequirePermission(Permission.ReferenceRead)
  rules(@Param('id', ParseUUIDPipe) id: string): ReturnType<EligibilityService['batchRules']> {
    return this.eligibility.batchRules(id);
  }

  @Put('batches/:id/rules')
  @RequirePermission(Permission.ReferenceManage)
  putRules(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PutBatchRulesDto): ReturnType<EligibilityService['putRules']> {
    return this.eligibility.putRules(user, id, dto);
  }

  @Get('sanctions')
  @RequirePermission(Permission.SanctionManage)
  list(@CurrentUser() user: AuthUser, @Query() q: SanctionQueryDto): ReturnType<EligibilityService['listSanctions']> {
    return this.eligibility.listSanctions(user, q);
  }

  @Post('sanctions')
  @RequirePermission(Permission.SanctionManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSanctionDto): ReturnType<EligibilityService['createSanction']> {
    return this.eligibility.createSanction(user, dto);
  }

  @Post('sanctions/:id/lift')
  @RequirePermission(Permission.SanctionManage)
  lift(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LiftSanctionDto): ReturnType<EligibilityService['liftSanction']> {
    return this.eligibility.liftSanction(user, id, dto.reason);
  }
}
