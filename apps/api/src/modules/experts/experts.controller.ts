import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ExpertDeactivateDto, ExpertDtoIn, ExpertQueryDto, UpdateExpertDto } from './dto/experts.dto.js';
import { ExpertsService } from './experts.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

/** The expert pool, managed by title offices and committees. */
@Controller('experts')
export class ExpertsController {
  constructor(private readonly svc: ExpertsService) {}

  @Get()
  @RequirePermission(Permission.ExpertManage)
  list(@CurrentUser() user: AuthUser, @Query() q: ExpertQueryDto): ReturnType<ExpertsService['list']> {
    return this.svc.list(user, q);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.ExpertManage)
  export(@CurrentUser() user: AuthUser, @Query() q: ExpertQueryDto, @Res() reply: FastifyReply): ReturnType<ExpertsService['export']> {
    return this.svc.export(user, q, reply);
  }

  @Get(':id')
  @RequirePermission(Permission.ExpertManage)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<ExpertsService['get']> {
    return this.svc.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.ExpertManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: ExpertDtoIn): ReturnType<ExpertsService['create']> {
    return this.svc.create(user, dto);
  }

  @Put(':id')
  @RequirePermission(Permission.ExpertManage)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateExpertDto): ReturnType<ExpertsService['update']> {
    return this.svc.update(user, id, dto);
  }

  @Post(':id/deactivate')
  @RequirePermission(Permission.ExpertManage)
  deactivate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExpertDeactivateDto): ReturnType<ExpertsService['deactivate']> {
    return this.svc.deactivate(user, id, dto);
  }
}
