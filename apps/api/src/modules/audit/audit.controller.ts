import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, Public, RateLimit, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AuditService } from './audit.service.js';
import {
  AdminQueryDto,
  AuditBlacklistDto,
  AuditFilterDto,
  JudgementDto,
  OpinionDto,
  PublicityDto,
  PublicPublicityQueryDto,
  QueueQueryDto,
  ReportQueryDto,
  ReportSettingsDto,
  ReportUpDto,
  ReturnDto,
  RollbackDto,
  TransferDto,
  UnitApplicantsQueryDto,
} from './dto/audit.dto.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

const idPipe = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('申报') });

/**
 * Issue 6: the audit workflow. Auditors (units, departments, committees, title offices) act only on
 * declarations waiting at their own organisation; title offices also trace, roll back and transfer
 * declarations in their region.
 */
@Controller()
export class AuditController {
  constructor(private readonly svc: AuditService) {}

  /** U-03 / U-06 / A-08: my node's queue. */
  @Get('audit/queue')
  @RequirePermission(Permission.DeclarationAudit)
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQueryDto): ReturnType<AuditService['queue']> {
    return this.svc.queue(user, q);
  }

  @Get('audit/declarations/:id')
  @RequirePermission(Permission.DeclarationAudit)
  detail(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string): ReturnType<AuditService['detail']> {
    return this.svc.detail(user, id);
  }

  /** Item-level judgement: { failures: { moduleKey: { path: reason } }, version }. */
  @Put('audit/declarations/:id/judgement')
  @RequirePermission(Permission.DeclarationAudit)
  judge(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: JudgementDto): ReturnType<AuditService['judge']> {
    return this.svc.judge(user, id, dto.failures, dto.version);
  }

  @Post('audit/declarations/:id/pass')
  @HttpCode(200)
  @RequirePermission(Permission.DeclarationAudit)
  pass(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: OpinionDto): ReturnType<AuditService['pass']> {
    return this.svc.pass(user, id, dto.version, dto.opinion);
  }

  @Post('audit/declarations/:id/return')
  @HttpCode(200)
  @RequirePermission(Permission.DeclarationAudit)
  returnBack(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: ReturnDto): ReturnType<AuditService['returnBack']> {
    return this.svc.returnBack(user, id, dto.version, dto.opinion);
  }

  @Post('audit/declarations/:id/supplement')
  @HttpCode(200)
  @RequirePermission(Permission.DeclarationAudit)
  supplement(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: ReturnDto): ReturnType<AuditService['returnForSupplement']> {
    return this.svc.returnForSupplement(user, id, dto.version, dto.opinion);
  }

  /** B-01 from the audit page (prefilled with the applicant and the declaration). */
  @Post('audit/declarations/:id/blacklist')
  @RequirePermission(Permission.DeclarationAudit)
  blacklist(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: AuditBlacklistDto): ReturnType<AuditService['addToBlacklist']> {
    return this.svc.addToBlacklist(user, id, dto);
  }

  /** U-05: tabs entrusted / non_entrusted / reported. */
  @Get('audit/report-up')
  @RequirePermission(Permission.DeclarationAudit)
  reportList(@CurrentUser() user: AuthUser, @Query() q: ReportQueryDto): ReturnType<AuditService['reportList']> {
    return this.svc.reportList(user, q);
  }

  @Put('audit/report-up/:id')
  @RequirePermission(Permission.DeclarationAudit)
  reportSettings(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: ReportSettingsDto): ReturnType<AuditService['reportSettings']> {
    return this.svc.reportSettings(user, id, dto);
  }

  @Post('audit/report-up')
  @HttpCode(200)
  @RequirePermission(Permission.DeclarationAudit)
  reportUp(@CurrentUser() user: AuthUser, @Body() dto: ReportUpDto): ReturnType<AuditService['reportUp']> {
    return this.svc.reportUp(user, dto.items);
  }

  /** U-04. */
  @Post('audit/publicity')
  @RequirePermission(Permission.DeclarationAudit)
  createPublicity(@CurrentUser() user: AuthUser, @Body() dto: PublicityDto): ReturnType<AuditService['createPublicity']> {
    return this.svc.createPublicity(user, dto);
  }

  @Get('audit/publicity')
  @RequirePermission(Permission.DeclarationAudit)
  myPublicities(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): ReturnType<AuditService['myPublicities']> {
    return this.svc.myPublicities(user, q);
  }

  /** P-02. */
  @Get('public/publicity')
  @Public()
  @RateLimit('public')
  publicPublicity(@Query() q: PublicPublicityQueryDto): ReturnType<AuditService['publicPublicity']> {
    return this.svc.publicPublicity(q);
  }

  /** U-10. */
  @Get('audit/unit-applicants')
  @RequirePermission(Permission.DeclarationAudit)
  unitApplicants(@CurrentUser() user: AuthUser, @Query() q: UnitApplicantsQueryDto): ReturnType<AuditService['unitApplicants']> {
    return this.svc.unitApplicants(user, q);
  }

  /** U-10 export. */
  @Get('audit/unit-applicants/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.DeclarationAudit)
  exportUnitApplicants(@CurrentUser() user: AuthUser, @Query() q: UnitApplicantsQueryDto, @Res() reply: FastifyReply): ReturnType<AuditService['exportUnitApplicants']> {
    return this.svc.exportUnitApplicants(user, q, reply);
  }

  /** A-24 export: declarations in the office's region with the list's filters. */
  @Get('audit/admin/declarations/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.DeclarationManage)
  exportAdmin(@CurrentUser() user: AuthUser, @Query() q: AdminQueryDto, @Res() reply: FastifyReply): ReturnType<AuditService['exportAdmin']> {
    return this.svc.exportAdmin(user, q, reply);
  }

  /** declarations in the office's region. */
  @Get('audit/admin/declarations')
  @RequirePermission(Permission.DeclarationManage)
  adminList(@CurrentUser() user: AuthUser, @Query() q: AdminQueryDto): ReturnType<AuditService['adminList']> {
    return this.svc.adminList(user, q);
  }

  @Get('audit/admin/declarations/:id/trace')
  @RequirePermission(Permission.DeclarationManage)
  trace(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string): ReturnType<AuditService['trace']> {
    return this.svc.trace(user, id);
  }

  /** */
  @Get('audit/admin/qualified')
  @RequirePermission(Permission.DeclarationManage)
  qualified(@CurrentUser() user: AuthUser, @Query() q: AuditFilterDto): ReturnType<AuditService['qualifiedList']> {
    return this.svc.qualifiedList(user, q);
  }

  @Post('audit/admin/declarations/:id/rollback')
  @HttpCode(200)
  @RequirePermission(Permission.DeclarationManage)
  rollback(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: RollbackDto): ReturnType<AuditService['rollback']> {
    return this.svc.rollback(user, id, dto.version, dto.reason);
  }

  /** { targetCommitteeId, ids | query, dryRun?, expectedCount? }. */
  @Post('audit/admin/transfer')
  @HttpCode(200)
  @RequirePermission(Permission.DeclarationManage)
  transfer(@CurrentUser() user: AuthUser, @Body() dto: TransferDto): ReturnType<AuditService['transfer']> {
    return this.svc.transfer(user, dto);
  }
}
