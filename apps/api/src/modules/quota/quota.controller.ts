import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { QuotaAuditDto, QuotaDtoIn, QuotaQueryDto, QuotaReturnDto, UpdateQuotaDto } from './dto/quota.dto.js';
import { QuotaService } from './quota.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

/** U-12 职数申报 (unit) / 职数审核 (supervising department); A-19 职数申报查询 (title office). */
@Controller('quotas')
export class QuotaController {
  constructor(private readonly quotas: QuotaService) {}

  @Get('mine')
  @RequirePermission(Permission.QuotaDeclare)
  mine(@CurrentUser() user: AuthUser, @Query() q: QuotaQueryDto): ReturnType<QuotaService['mine']> {
    return this.quotas.mine(user, q);
  }

  @Post()
  @RequirePermission(Permission.QuotaDeclare)
  create(@CurrentUser() user: AuthUser, @Body() dto: QuotaDtoIn): ReturnType<QuotaService['create']> {
    return this.quotas.create(user, dto);
  }

  @Put(':id')
  @RequirePermission(Permission.QuotaDeclare)
  resubmit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateQuotaDto): ReturnType<QuotaService['resubmit']> {
    return this.quotas.resubmit(user, id, dto);
  }

  @Get('audit')
  @RequirePermission(Permission.QuotaAudit)
  toAudit(@CurrentUser() user: AuthUser, @Query() q: QuotaQueryDto): ReturnType<QuotaService['toAudit']> {
    return this.quotas.toAudit(user, q);
  }

  @Post(':id/pass')
  @HttpCode(200)
  @RequirePermission(Permission.QuotaAudit)
  pass(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: QuotaAuditDto): ReturnType<QuotaService['pass']> {
    return this.quotas.pass(user, id, dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission(Permission.QuotaAudit)
  return(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: QuotaReturnDto): ReturnType<QuotaService['return']> {
    return this.quotas.return(user, id, dto);
  }

  @Get('query')
  @RequirePermission(Permission.QuotaQuery)
  query(@CurrentUser() user: AuthUser, @Query() q: QuotaQueryDto): ReturnType<QuotaService['officeList']> {
    return this.quotas.officeList(user, q);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.QuotaQuery)
  export(@CurrentUser() user: AuthUser, @Query() q: QuotaQueryDto, @Res() reply: FastifyReply): ReturnType<QuotaService['export']> {
    return this.quotas.export(user, q, reply);
  }

  @Get(':id')
  @RequirePermission(Permission.QuotaRead)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<QuotaService['get']> {
    return this.quotas.get(user, id);
  }
}
